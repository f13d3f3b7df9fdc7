"""What many test folders share: the test channel, webhook events, chat helpers, fakes.

`channel` (the test LINE channel's secret and token), `events` (webhook JSON built or recorded,
signed, posted or parsed), `chat` (tap/say on the emulator), `fakes` (a recording LINE client,
a phrase-book NLU that returns real `Understanding`s).
"""
