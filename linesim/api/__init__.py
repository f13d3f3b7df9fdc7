"""The platform API the bot calls (/v2/bot/...), one module per group of endpoints.

`messages` (reply, push, multicast, broadcast, narrowcast, quota), `users` (profiles, the
content users sent, the loading animation), `audiences` (uploaded user-id lists), `richmenus`
(menus, images, links, aliases). What they read and change lives in linesim.state.
"""
