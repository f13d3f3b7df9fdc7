"""The content store: sourced articles on labour and Ombudsman matters, composed as LINE messages.

Modules: schema (parse and validate files), check (validate a whole content folder), loader
(files into the database), store (queries), compose (LINE messages), search (BM25), answers
(the entry points handlers call), cli (`asabot content ...`).
"""
