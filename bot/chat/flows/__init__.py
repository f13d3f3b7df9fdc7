"""The shared flow engine: guided conversations as declared state machines (see `engine.py`).

The features own their flows (`bot.complaints.flow`, `bot.volunteers.registration`);
`bot.chat.registry` builds each app's one engine from them, and every turn carries it.
"""
