"""Complaints: the service functions both the chat and the staff console call.

`service` (create, status changes that tell the reporter, rating, erasure), `references`
(AS-<BE year>-<6 digits>), `routing` (category and area to the responsible body), `crypto`
(phone numbers at rest), `export`, `tasks` (evidence downloads as jobs), `chat`, `cli`.
"""
