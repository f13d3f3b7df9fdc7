"""Replies officers use often, offered under the reply box (a click fills it, "ส่ง" sends it).

Marked for the catalogue: the console offers them in the person's language.
"""

from __future__ import annotations

from bot.core.i18n import N_

CANNED_REPLIES: tuple[str, ...] = (
    N_("สวัสดีค่ะ เจ้าหน้าที่กระทรวงแรงงานยินดีให้บริการค่ะ มีเรื่องอะไรให้ช่วยคะ"),
    N_("ขอทราบชื่อสถานประกอบการและจังหวัดที่ทำงานด้วยนะคะ"),
    N_("รับทราบค่ะ ขอเวลาตรวจสอบสักครู่นะคะ"),
    N_("เรื่องนี้แนะนำให้แจ้งเรื่องร้องเรียนในแชตนี้ (เมนู «แจ้งเรื่องร้องเรียน») เพื่อให้ติดตามได้ค่ะ"),
    N_("ถ้าต้องการคุยทางโทรศัพท์ โทรสายด่วนกระทรวงแรงงาน 1506 ได้ค่ะ"),
    N_("ขอบคุณที่ติดต่อมาค่ะ มีเรื่องอื่นให้ช่วยอีกไหมคะ"),
)
