"""Message objects a bot may send, for the chat-page test: one of every kind LINE has."""

from __future__ import annotations

from typing import Any

# Pictures "hosted" here are served by the test itself (Playwright routes), never fetched.
IMAGE_HOST = "https://images.asabot.test"

# Two news cards, as a bot's Flex carousel: hero picture, bold title, baseline rows, a button.
NEWS_CAROUSEL: dict[str, Any] = {
    "type": "carousel",
    "contents": [
        {
            "type": "bubble",
            "size": "kilo",
            "hero": {
                "type": "image",
                "url": f"{IMAGE_HOST}/news-{n}.png",
                "size": "full",
                "aspectRatio": "20:13",
                "aspectMode": "cover",
            },
            "body": {
                "type": "box",
                "layout": "vertical",
                "spacing": "sm",
                "contents": [
                    {"type": "text", "text": title, "weight": "bold", "size": "lg", "wrap": True},
                    {
                        "type": "box",
                        "layout": "baseline",
                        "spacing": "sm",
                        "contents": [
                            {"type": "text", "text": "จังหวัด", "color": "#888888", "flex": 2},
                            {"type": "text", "text": province, "flex": 4, "wrap": True},
                        ],
                    },
                ],
            },
            "footer": {
                "type": "box",
                "layout": "vertical",
                "contents": [
                    {
                        "type": "button",
                        "style": "secondary",
                        "height": "sm",
                        "action": {"type": "message", "label": "อ่านต่อ", "text": f"อ่านข่าว {n}"},
                    }
                ],
            },
        }
        for n, title, province in [
            (1, "อบรมอาสาสมัครแรงงานรุ่นใหม่", "ปัตตานี"),
            (2, "ตลาดนัดแรงงาน", "ยะลา"),
        ]
    ],
}


def every_kind_of_message(user_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Two pushes' worth (LINE allows five messages a request) covering every message type."""
    first: list[dict[str, Any]] = [
        {
            "type": "text",
            "text": "$ สวัสดีค่ะ",
            "emojis": [{"index": 0, "productId": "5ac1bfd5040ab15980c9b435", "emojiId": "001"}],
            "sender": {"name": "อาสาปัตตานี", "iconUrl": f"{IMAGE_HOST}/volunteer.png"},
        },
        {
            "type": "textV2",
            "text": "{user} ยินดีต้อนรับค่ะ",
            "substitution": {
                "user": {"type": "mention", "mentionee": {"type": "user", "userId": user_id}}
            },
        },
        {
            "type": "location",
            "title": "ศูนย์ดำรงธรรม",
            "address": "ศาลากลางจังหวัดปัตตานี",
            "latitude": 6.8691,
            "longitude": 101.2501,
        },
        {
            "type": "imagemap",
            "baseUrl": f"{IMAGE_HOST}/map",
            "altText": "เมนูรูปภาพ",
            "baseSize": {"width": 1040, "height": 520},
            "actions": [
                {
                    "type": "message",
                    "text": "ซ้าย",
                    "area": {"x": 0, "y": 0, "width": 520, "height": 520},
                },
                {
                    "type": "message",
                    "text": "ขวา",
                    "area": {"x": 520, "y": 0, "width": 520, "height": 520},
                },
            ],
        },
        {
            "type": "template",
            "altText": "บริการ",
            "template": {
                "type": "carousel",
                "columns": [
                    {
                        "title": "ร้องเรียน",
                        "text": "แจ้งปัญหาการจ้างงาน",
                        "actions": [
                            {"type": "uri", "label": "เว็บไซต์", "uri": "https://www.mol.go.th/"}
                        ],
                    },
                    {
                        "title": "สิทธิ",
                        "text": "สิทธิประกันสังคม",
                        "actions": [{"type": "message", "label": "ถาม", "text": "สิทธิประกันสังคม"}],
                    },
                ],
            },
        },
    ]
    second: list[dict[str, Any]] = [
        {
            "type": "video",
            "originalContentUrl": f"{IMAGE_HOST}/v.mp4",
            "previewImageUrl": f"{IMAGE_HOST}/v.png",
        },
        {"type": "audio", "originalContentUrl": f"{IMAGE_HOST}/a.m4a", "duration": 3000},
        {
            "type": "template",
            "altText": "ภาพ",
            "template": {
                "type": "image_carousel",
                "columns": [
                    {
                        "imageUrl": f"{IMAGE_HOST}/c1.png",
                        "action": {"type": "message", "label": "ปัตตานี", "text": "ข่าวปัตตานี"},
                    }
                ],
            },
        },
        {
            "type": "template",
            "altText": "ยืนยัน",
            "template": {
                "type": "confirm",
                "text": "ยืนยันการส่งเรื่องไหมคะ",
                "actions": [
                    {
                        "type": "postback",
                        "label": "ยืนยัน",
                        "data": "confirm=yes",
                        "displayText": "ยืนยันค่ะ",
                    },
                    {"type": "message", "label": "ยกเลิก", "text": "ยกเลิก"},
                ],
            },
        },
    ]
    return first, second
