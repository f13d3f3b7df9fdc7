"""A test-only bot for the chat-page test: the SDK's parser in, the SDK's client out.

It stands in for AsaBot so the page can be tested on its own: it verifies each webhook with
`WebhookParser` and answers through the real `MessagingApi`, pointed at linesim.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.messaging import (
    ApiClient,
    Configuration,
    FlexContainer,
    FlexMessage,
    MessageAction,
    MessagingApi,
    PostbackAction,
    QuickReply,
    QuickReplyItem,
    ReplyMessageRequest,
    ShowLoadingAnimationRequest,
    TextMessage,
)
from linebot.v3.webhook import WebhookParser
from linebot.v3.webhooks import (
    FollowEvent,
    LocationMessageContent,
    MessageEvent,
    PostbackEvent,
    TextMessageContent,
)
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

GREETING = "สวัสดีค่ะ อาสาบอทยินดีให้บริการค่ะ"
MENU_TITLE = "เมนูอาสาบอท"

# The Flex bubble sent for the "ดูเมนู" postback: a header, rows of text, a separator, buttons.
MENU_BUBBLE: dict[str, Any] = {
    "type": "bubble",
    "header": {
        "type": "box",
        "layout": "vertical",
        "backgroundColor": "#06C755",
        "contents": [
            {"type": "text", "text": MENU_TITLE, "weight": "bold", "size": "lg", "color": "#FFFFFF"}
        ],
    },
    "body": {
        "type": "box",
        "layout": "vertical",
        "spacing": "md",
        "contents": [
            {"type": "text", "text": "เลือกเรื่องที่ต้องการได้เลยค่ะ", "wrap": True},
            {"type": "separator"},
            {
                "type": "box",
                "layout": "horizontal",
                "contents": [
                    {"type": "text", "text": "สิทธิแรงงาน", "flex": 2},
                    {"type": "text", "text": "ข้อมูล", "align": "end", "color": "#888888"},
                ],
            },
        ],
    },
    "footer": {
        "type": "box",
        "layout": "vertical",
        "spacing": "sm",
        "contents": [
            {
                "type": "button",
                "style": "primary",
                "action": {"type": "message", "label": "ร้องเรียน", "text": "ร้องเรียน"},
            },
            {
                "type": "button",
                "style": "link",
                "action": {"type": "postback", "label": "ติดต่ออาสา", "data": "action=contact"},
            },
        ],
    },
}


class ChatBot:
    """Answers follow, text, location and postback events; records every event it parsed."""

    def __init__(self, channel_secret: str, access_token: str) -> None:
        self._parser = WebhookParser(channel_secret)
        self._access_token = access_token
        self.api_url = ""  # linesim's URL, known once it runs
        self.webhook_url = ""  # ours, known once served
        self.think_seconds = 0.0
        self.status = 200
        self.events: list[Any] = []
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request = Request(environ)
        try:
            events = self._parser.parse(
                request.get_data(as_text=True), request.headers.get("X-Line-Signature", "")
            )
        except InvalidSignatureError:
            return Response("bad signature", status=400)(environ, start_response)
        with self._lock:
            self.events.extend(events)
        if self.status != 200:
            return Response("broken", status=self.status)(environ, start_response)
        for event in events:
            self._answer(event)
        return Response("OK")(environ, start_response)

    def events_of(self, kind: type) -> list[Any]:
        with self._lock:
            return [event for event in self.events if isinstance(event, kind)]

    @contextmanager
    def api(self) -> Iterator[MessagingApi]:
        config = Configuration(host=self.api_url, access_token=self._access_token)
        with ApiClient(config) as client:
            yield MessagingApi(client)

    def _reply(self, api: MessagingApi, token: str, *messages: Any) -> None:
        api.reply_message(ReplyMessageRequest(reply_token=token, messages=list(messages)))

    def _answer(self, event: Any) -> None:
        with self.api() as api:
            if isinstance(event, FollowEvent):
                self._reply(api, event.reply_token, _greeting())
            elif isinstance(event, MessageEvent) and isinstance(event.message, TextMessageContent):
                if self.think_seconds:
                    # Show the typing indicator while "thinking", as AsaBot does for slow answers.
                    api.show_loading_animation(
                        ShowLoadingAnimationRequest(chat_id=event.source.user_id, loading_seconds=5)
                    )
                    time.sleep(self.think_seconds)
                self._reply(api, event.reply_token, _text_with_choices(event.message.text))
            elif isinstance(event, MessageEvent) and isinstance(
                event.message, LocationMessageContent
            ):
                place = event.message.title or "ตำแหน่งของคุณ"
                self._reply(api, event.reply_token, TextMessage(text=f"ได้รับตำแหน่ง {place} แล้วค่ะ"))
            elif isinstance(event, PostbackEvent):
                menu = FlexMessage(
                    alt_text=MENU_TITLE, contents=FlexContainer.from_dict(MENU_BUBBLE)
                )
                self._reply(api, event.reply_token, menu)


def _greeting() -> TextMessage:
    """The welcome, with quick replies as AsaBot's own welcome has."""
    return TextMessage(
        text=GREETING,
        quick_reply=QuickReply(
            items=[
                QuickReplyItem(action=MessageAction(label="ถามเรื่องค่าแรง", text="ค่าแรงขั้นต่ำ")),
                QuickReplyItem(
                    action=PostbackAction(label="ดูเมนู", data="action=menu", display_text="ขอดูเมนูค่ะ")
                ),
            ]
        ),
    )


def _text_with_choices(text: str) -> TextMessage:
    return TextMessage(
        text=f"ได้รับข้อความ “{text}” แล้วค่ะ",
        quick_reply=QuickReply(
            items=[
                QuickReplyItem(action=MessageAction(label="ค่าแรงขั้นต่ำ", text="ค่าแรงขั้นต่ำ")),
                QuickReplyItem(
                    action=PostbackAction(label="ดูเมนู", data="action=menu", display_text="ขอดูเมนูค่ะ")
                ),
            ]
        ),
    )


class _Quiet(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return None


@contextmanager
def serve_bot(bot: ChatBot) -> Iterator[str]:
    """Serve the bot on a free port in a thread; yields its webhook URL."""
    server = make_server("127.0.0.1", 0, bot, threaded=True, request_handler=_Quiet)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        bot.webhook_url = f"http://127.0.0.1:{server.server_port}/callback"
        yield bot.webhook_url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
