"""What the survey chat says, by key; the Malay forms live in the message catalogue.

The form's own questions, hints and messages come from its `label::th` / `label::ms` columns;
this table holds only the runner's words, as Thai msgids marked for the catalogue
(bot/locale/ms/LC_MESSAGES/messages.po; `L_` marks a button label, at most 20 characters).
tests/bot/test_catalogue.py fails on one with no Malay form or a placeholder Malay lacks.
"""

from __future__ import annotations

from typing import Any

from bot.core.i18n import L_, N_, language_code, translate

TEXTS: dict[str, str] = {
    "not_volunteer": N_(
        "แบบสำรวจสำหรับอาสาสมัครแรงงานและบัณฑิตแรงงานที่ลงทะเบียนแล้วค่ะ ลงทะเบียนได้ที่ปุ่มด้านล่างค่ะ"
    ),
    # Buttons are marked L_ (20 characters at most: LINE cuts longer labels).
    "register": L_("ลงทะเบียนอาสาสมัคร"),
    "private_only": N_("ทำแบบสำรวจได้ในแชทส่วนตัวกับอาสาบอทค่ะ"),
    "no_forms": N_("ตอนนี้ยังไม่มีแบบสำรวจให้ทำค่ะ"),
    "pick": N_("เลือกแบบสำรวจที่จะทำค่ะ"),
    "form_gone": N_("แบบสำรวจนี้ปิดรับคำตอบแล้วค่ะ"),
    "starting": N_(
        "เริ่มแบบสำรวจ «{title}» ค่ะ ตอบทีละข้อ แก้ข้อก่อนหน้าได้ด้วย «ย้อนกลับ» "
        "และพักไว้ทำต่อภายหลังได้ด้วย «พักไว้ก่อน» ค่ะ"
    ),
    "consent": N_(
        "ก่อนเริ่ม ขอความยินยอมจากผู้ให้ข้อมูลค่ะ อ่านให้ฟังนะคะ:\n"
        "«ข้อมูลที่ท่านตอบใช้ทำแบบสำรวจ {title} ของเครือข่ายอาสาสมัครแรงงาน "
        "เพื่อจัดทำสถิติและวางแผนช่วยเหลือแรงงาน เจ้าหน้าที่แรงงานที่รับผิดชอบพื้นที่เท่านั้นที่เห็น"
        "ข้อมูลรายคน ท่านไม่ตอบข้อใดก็ได้ และขอถอนความยินยอมหรือให้ลบข้อมูลได้ที่สายด่วน 1506»\n"
        "ผู้ให้ข้อมูลยินยอมไหมคะ"
    ),
    "consent_yes": L_("ยินยอม"),
    "consent_no": L_("ไม่ยินยอม"),
    "declined": N_("ไม่บันทึกข้อมูลของผู้ให้ข้อมูลท่านนี้ค่ะ ขอบคุณที่สอบถามค่ะ"),
    "question_number": N_("ข้อ {number}"),
    "optional": N_("(ข้ามได้)"),
    "previous_answer": N_("คำตอบเดิม: {answer}"),
    "choose_one": N_("แตะคำตอบ หรือพิมพ์หมายเลขค่ะ"),
    "choose_many": N_("แตะเพื่อเลือกหรือเอาออก แล้วกด «เสร็จแล้ว» หรือพิมพ์หมายเลข เช่น 1 3 ค่ะ"),
    "picked": N_("เลือกแล้ว: {choices}"),
    "type_text": N_("พิมพ์คำตอบได้เลยค่ะ"),
    "type_integer": N_("พิมพ์เป็นตัวเลขค่ะ"),
    "type_decimal": N_("พิมพ์เป็นตัวเลข (มีทศนิยมได้) ค่ะ"),
    "type_date": N_("กด «เลือกวันที่» หรือพิมพ์ เช่น 15/3/2567 ค่ะ"),
    "type_geopoint": N_("กด «ส่งตำแหน่ง» แล้วเลือกจุดบนแผนที่ค่ะ"),
    "type_image": N_("กด «ถ่ายรูป» หรือ «เลือกรูป» แล้วส่งรูปมาค่ะ"),
    "more_first": N_("มี «{label}» ไหมคะ"),
    "more": N_("มี «{label}» เพิ่มอีกไหมคะ (ตอนนี้มี {count})"),
    "instance": N_("{label} รายการที่ {number}"),
    "summary": N_("สรุปคำตอบ «{title}» ค่ะ ตรวจแล้วกด «ส่งแบบสำรวจ» ได้เลยค่ะ"),
    "submitted": N_("บันทึกแบบสำรวจเรียบร้อยแล้วค่ะ «{title}» ชุดนี้เป็นชุดที่ {count} ที่คุณส่งค่ะ"),
    "paused": N_("พักแบบสำรวจไว้แล้วค่ะ คำตอบที่ตอบแล้วเก็บไว้ครบ พิมพ์ «ทำแบบสำรวจ» เมื่อพร้อมทำต่อค่ะ"),
    "resume_question": N_(
        "มีแบบสำรวจ «{title}» ที่ทำค้างไว้ (ตอบแล้ว {answered} ข้อ) "
        "จะทำต่อหรือเริ่มชุดใหม่คะ (ถ้าเริ่มชุดใหม่ ชุดที่ค้างไว้จะถูกลบ)"
    ),
    "discard_question": N_("ยกเลิกแบบสำรวจชุดนี้ใช่ไหมคะ คำตอบทั้งหมดของชุดนี้จะถูกลบค่ะ"),
    "discarded": N_("ยกเลิกแบบสำรวจชุดนี้แล้วค่ะ ไม่มีการบันทึกคำตอบค่ะ"),
    "first_question": N_("นี่คือคำถามแรกแล้วค่ะ"),
    "stale_button": N_("ปุ่มนี้เป็นของแบบสำรวจชุดก่อนค่ะ ตอนนี้อยู่ที่ข้อนี้ค่ะ"),
    "stale_no_interview": N_("ปุ่มนี้เป็นของแบบสำรวจที่จบไปแล้วค่ะ พิมพ์ «ทำแบบสำรวจ» เพื่อเริ่มชุดใหม่ค่ะ"),
    "not_understood": N_("ขออภัยค่ะ คำตอบนี้ใช้ไม่ได้ค่ะ"),
    "required": N_("ข้อนี้ต้องตอบค่ะ"),
    "constraint": N_("คำตอบนี้ไม่ผ่านเงื่อนไขของแบบสำรวจค่ะ"),
    "bad_integer": N_("ตอบเป็นจำนวนเต็มตัวเดียวค่ะ เช่น 3 หรือ 12000"),
    "bad_decimal": N_("ตอบเป็นตัวเลขตัวเดียวค่ะ เช่น 2 หรือ 1.5"),
    "bad_date": N_("อ่านวันที่ไม่ได้ค่ะ พิมพ์ วัน/เดือน/ปี เช่น 15/3/2567 หรือกด «เลือกวันที่» ค่ะ"),
    "bad_choice": N_("ไม่พบตัวเลือกนี้ค่ะ แตะคำตอบหรือพิมพ์หมายเลขในรายการค่ะ"),
    "bad_geopoint": N_("ข้อนี้ต้องส่งตำแหน่งค่ะ กด «ส่งตำแหน่ง» ค่ะ"),
    "bad_image": N_("ข้อนี้ต้องส่งรูปภาพค่ะ"),
    "too_long": N_("คำตอบยาวเกินไปค่ะ (ไม่เกิน {limit} ตัวอักษร)"),
    "photo_answer": N_("รูปภาพ 1 รูป"),
    "location_answer": N_("ตำแหน่ง {lat}, {lon}"),
    "skipped": N_("(ข้าม)"),
    "back": L_("ย้อนกลับ"),
    "pause": L_("พักไว้ก่อน"),
    "skip": L_("ข้าม"),
    "done": L_("เสร็จแล้ว"),
    "next_page": L_("ถัดไป ▶"),
    "previous_page": L_("◀ ก่อนหน้า"),
    "add": L_("เพิ่ม"),
    "no_more": L_("ไม่มีแล้ว"),
    "submit": L_("ส่งแบบสำรวจ"),
    "discard": L_("ยกเลิกชุดนี้"),
    "discard_yes": L_("ยืนยันยกเลิก"),
    "keep_going": L_("ทำต่อ"),
    "start_new": L_("เริ่มชุดใหม่"),
    "another": L_("ทำอีกชุด"),
    "pick_date": L_("เลือกวันที่"),
    "send_location": L_("ส่งตำแหน่ง"),
    "camera": L_("ถ่ายรูป"),
    "camera_roll": L_("เลือกรูป"),
    "start_button": L_("เริ่มทำแบบสำรวจ"),
    "announcement": N_("ขอเชิญอาสาสมัครทำแบบสำรวจ «{title}» ค่ะ กดปุ่มด้านล่างเพื่อเริ่มได้เลยค่ะ"),
}

# Words a person may type instead of tapping, in either language, for each command.
TYPED_COMMANDS: dict[str, tuple[str, ...]] = {
    "back": ("ย้อนกลับ", "ย้อน", "kembali"),
    "pause": ("พักไว้ก่อน", "พัก", "พักก่อน", "tangguh", "tangguh dulu"),
    "skip": ("ข้าม", "langkau"),
    "done": ("เสร็จแล้ว", "เสร็จ", "selesai"),
    "discard": ("ยกเลิก", "ยกเลิกชุดนี้", "batal"),
    "submit": ("ส่งแบบสำรวจ", "ส่ง", "hantar"),
}


def language_of(stored: str | None) -> str:
    """The catalogue language for a stored language tag: Malay for ms*, Thai otherwise."""
    return language_code(stored)


def say(key: str, language: str, **values: Any) -> str:
    """The text `key` in `language` (Thai when the catalogue has no Malay form)."""
    return translate(TEXTS[key], language, **values)
