"""Complaints: filed in chat, followed up by staff in the console, one module per job.

`filing` (a draft becomes one case), `lookup` (by draft, reference, reporter), `status` (a staff
change with its audit entry), `notifications` (telling the reporter, re-sending failed pushes),
`rating`, `erasure` (PDPA), `evidence` (files in the media store), `references`
(AS-<BE year>-<6 digits>), `routing` (category and area to the responsible body), `crypto`
(phone numbers at rest), `export`, `jobs`, the chat `flow*` and `handlers`, console `views`,
`cli`.
"""
