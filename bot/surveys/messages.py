"""What the survey chat says, in Thai and Malay; the person's stored language picks one.

The form's own questions, hints and messages come from its `label::th` / `label::ms` columns;
this catalogue holds only the runner's words. tests/surveys/test_messages.py fails on a key
missing either language or a placeholder one language lacks.
"""

from __future__ import annotations

from typing import Any

TEXTS: dict[str, dict[str, str]] = {
    "not_volunteer": {
        "th": "แบบสำรวจสำหรับอาสาสมัครแรงงานและบัณฑิตแรงงานที่ลงทะเบียนแล้วค่ะ ลงทะเบียนได้ที่ปุ่มด้านล่างค่ะ",
        "ms": "Tinjauan ini untuk sukarelawan buruh dan graduan buruh yang berdaftar. "
        "Sila daftar dengan butang di bawah.",
    },
    "register": {"th": "ลงทะเบียนอาสาสมัคร", "ms": "Daftar sukarelawan"},
    "private_only": {
        "th": "ทำแบบสำรวจได้ในแชทส่วนตัวกับอาสาบอทค่ะ",
        "ms": "Tinjauan hanya boleh dibuat dalam sembang peribadi dengan AsaBot.",
    },
    "no_forms": {
        "th": "ตอนนี้ยังไม่มีแบบสำรวจให้ทำค่ะ",
        "ms": "Tiada tinjauan untuk dibuat buat masa ini.",
    },
    "pick": {"th": "เลือกแบบสำรวจที่จะทำค่ะ", "ms": "Pilih tinjauan yang hendak dibuat:"},
    "form_gone": {
        "th": "แบบสำรวจนี้ปิดรับคำตอบแล้วค่ะ",
        "ms": "Tinjauan ini sudah ditutup.",
    },
    "starting": {
        "th": "เริ่มแบบสำรวจ «{title}» ค่ะ ตอบทีละข้อ แก้ข้อก่อนหน้าได้ด้วย «ย้อนกลับ» "
        "และพักไว้ทำต่อภายหลังได้ด้วย «พักไว้ก่อน» ค่ะ",
        "ms": "Mula tinjauan «{title}». Jawab satu demi satu; «Kembali» untuk membetulkan "
        "soalan sebelumnya, «Tangguh dulu» untuk sambung kemudian.",
    },
    "consent": {
        "th": "ก่อนเริ่ม ขอความยินยอมจากผู้ให้ข้อมูลค่ะ อ่านให้ฟังนะคะ:\n"
        "«ข้อมูลที่ท่านตอบใช้ทำแบบสำรวจ {title} ของเครือข่ายอาสาสมัครแรงงาน "
        "เพื่อจัดทำสถิติและวางแผนช่วยเหลือแรงงาน เจ้าหน้าที่แรงงานที่รับผิดชอบพื้นที่เท่านั้นที่เห็น"
        "ข้อมูลรายคน ท่านไม่ตอบข้อใดก็ได้ และขอถอนความยินยอมหรือให้ลบข้อมูลได้ที่สายด่วน 1506»\n"
        "ผู้ให้ข้อมูลยินยอมไหมคะ",
        "ms": "Sebelum mula, minta persetujuan responden. Bacakan:\n"
        "«Jawapan anda digunakan untuk tinjauan {title} rangkaian sukarelawan buruh, bagi "
        "statistik dan perancangan bantuan pekerja. Hanya pegawai buruh kawasan ini melihat "
        "jawapan setiap orang. Anda boleh tidak menjawab mana-mana soalan, dan boleh menarik "
        "balik persetujuan atau minta data dipadam melalui talian 1506.»\n"
        "Adakah responden setuju?",
    },
    "consent_yes": {"th": "ยินยอม", "ms": "Setuju"},
    "consent_no": {"th": "ไม่ยินยอม", "ms": "Tidak setuju"},
    "declined": {
        "th": "ไม่บันทึกข้อมูลของผู้ให้ข้อมูลท่านนี้ค่ะ ขอบคุณที่สอบถามค่ะ",
        "ms": "Tiada maklumat responden ini disimpan. Terima kasih.",
    },
    "question_number": {"th": "ข้อ {number}", "ms": "Soalan {number}"},
    "optional": {"th": "(ข้ามได้)", "ms": "(boleh langkau)"},
    "previous_answer": {"th": "คำตอบเดิม: {answer}", "ms": "Jawapan sebelum ini: {answer}"},
    "choose_one": {
        "th": "แตะคำตอบ หรือพิมพ์หมายเลขค่ะ",
        "ms": "Tekan jawapan atau taip nombornya.",
    },
    "choose_many": {
        "th": "แตะเพื่อเลือกหรือเอาออก แล้วกด «เสร็จแล้ว» หรือพิมพ์หมายเลข เช่น 1 3 ค่ะ",
        "ms": "Tekan untuk pilih atau buang, kemudian «Selesai», atau taip nombor cth. 1 3.",
    },
    "picked": {"th": "เลือกแล้ว: {choices}", "ms": "Dipilih: {choices}"},
    "type_text": {"th": "พิมพ์คำตอบได้เลยค่ะ", "ms": "Sila taip jawapan."},
    "type_integer": {"th": "พิมพ์เป็นตัวเลขค่ะ", "ms": "Sila taip nombor."},
    "type_decimal": {"th": "พิมพ์เป็นตัวเลข (มีทศนิยมได้) ค่ะ", "ms": "Sila taip nombor."},
    "type_date": {
        "th": "กด «เลือกวันที่» หรือพิมพ์ เช่น 15/3/2567 ค่ะ",
        "ms": "Tekan «Pilih tarikh» atau taip cth. 15/3/2024.",
    },
    "type_geopoint": {
        "th": "กด «ส่งตำแหน่ง» แล้วเลือกจุดบนแผนที่ค่ะ",
        "ms": "Tekan «Hantar lokasi» dan pilih tempat pada peta.",
    },
    "type_image": {
        "th": "กด «ถ่ายรูป» หรือ «เลือกรูป» แล้วส่งรูปมาค่ะ",
        "ms": "Tekan «Ambil gambar» atau «Pilih gambar» dan hantar.",
    },
    "more_first": {"th": "มี «{label}» ไหมคะ", "ms": "Adakah «{label}»?"},
    "more": {
        "th": "มี «{label}» เพิ่มอีกไหมคะ (ตอนนี้มี {count})",
        "ms": "Ada lagi «{label}»? (sudah ada {count})",
    },
    "instance": {"th": "{label} รายการที่ {number}", "ms": "{label} ke-{number}"},
    "summary": {
        "th": "สรุปคำตอบ «{title}» ค่ะ ตรวจแล้วกด «ส่งแบบสำรวจ» ได้เลยค่ะ",
        "ms": "Ringkasan jawapan «{title}». Semak, kemudian tekan «Hantar».",
    },
    "submitted": {
        "th": "บันทึกแบบสำรวจเรียบร้อยแล้วค่ะ «{title}» ชุดนี้เป็นชุดที่ {count} ที่คุณส่งค่ะ",
        "ms": "Tinjauan telah disimpan. «{title}»: ini yang ke-{count} anda hantar.",
    },
    "paused": {
        "th": "พักแบบสำรวจไว้แล้วค่ะ คำตอบที่ตอบแล้วเก็บไว้ครบ พิมพ์ «ทำแบบสำรวจ» เมื่อพร้อมทำต่อค่ะ",
        "ms": "Tinjauan ditangguhkan; jawapan disimpan. Taip «tinjauan» untuk sambung.",
    },
    "resume_question": {
        "th": "มีแบบสำรวจ «{title}» ที่ทำค้างไว้ (ตอบแล้ว {answered} ข้อ) จะทำต่อหรือเริ่มชุดใหม่คะ "
        "(ถ้าเริ่มชุดใหม่ ชุดที่ค้างไว้จะถูกลบ)",
        "ms": "Ada tinjauan «{title}» yang belum selesai ({answered} soalan dijawab). "
        "Sambung atau mula baru? (Mula baru memadam yang belum selesai.)",
    },
    "discard_question": {
        "th": "ยกเลิกแบบสำรวจชุดนี้ใช่ไหมคะ คำตอบทั้งหมดของชุดนี้จะถูกลบค่ะ",
        "ms": "Batalkan tinjauan ini? Semua jawapannya akan dipadam.",
    },
    "discarded": {
        "th": "ยกเลิกแบบสำรวจชุดนี้แล้วค่ะ ไม่มีการบันทึกคำตอบค่ะ",
        "ms": "Tinjauan ini dibatalkan; tiada jawapan disimpan.",
    },
    "first_question": {"th": "นี่คือคำถามแรกแล้วค่ะ", "ms": "Ini soalan pertama."},
    "stale_button": {
        "th": "ปุ่มนี้เป็นของแบบสำรวจชุดก่อนค่ะ ตอนนี้อยู่ที่ข้อนี้ค่ะ",
        "ms": "Butang itu untuk tinjauan sebelumnya. Sekarang di soalan ini:",
    },
    "stale_no_interview": {
        "th": "ปุ่มนี้เป็นของแบบสำรวจที่จบไปแล้วค่ะ พิมพ์ «ทำแบบสำรวจ» เพื่อเริ่มชุดใหม่ค่ะ",
        "ms": "Butang itu untuk tinjauan yang sudah tamat. Taip «tinjauan» untuk mula baru.",
    },
    "not_understood": {"th": "ขออภัยค่ะ คำตอบนี้ใช้ไม่ได้ค่ะ", "ms": "Maaf, jawapan itu tidak sah."},
    "required": {"th": "ข้อนี้ต้องตอบค่ะ", "ms": "Soalan ini wajib dijawab."},
    "constraint": {
        "th": "คำตอบนี้ไม่ผ่านเงื่อนไขของแบบสำรวจค่ะ",
        "ms": "Jawapan ini tidak memenuhi syarat tinjauan.",
    },
    "bad_integer": {
        "th": "ตอบเป็นจำนวนเต็มตัวเดียวค่ะ เช่น 3 หรือ 12000",
        "ms": "Jawab dengan satu nombor bulat, cth. 3 atau 12000.",
    },
    "bad_decimal": {
        "th": "ตอบเป็นตัวเลขตัวเดียวค่ะ เช่น 2 หรือ 1.5",
        "ms": "Jawab dengan satu nombor, cth. 2 atau 1.5.",
    },
    "bad_date": {
        "th": "อ่านวันที่ไม่ได้ค่ะ พิมพ์ วัน/เดือน/ปี เช่น 15/3/2567 หรือกด «เลือกวันที่» ค่ะ",
        "ms": "Tarikh tidak dapat dibaca. Taip hari/bulan/tahun cth. 15/3/2024.",
    },
    "bad_choice": {
        "th": "ไม่พบตัวเลือกนี้ค่ะ แตะคำตอบหรือพิมพ์หมายเลขในรายการค่ะ",
        "ms": "Pilihan itu tiada. Tekan jawapan atau taip nombor dalam senarai.",
    },
    "bad_geopoint": {
        "th": "ข้อนี้ต้องส่งตำแหน่งค่ะ กด «ส่งตำแหน่ง» ค่ะ",
        "ms": "Soalan ini perlukan lokasi. Tekan «Hantar lokasi».",
    },
    "bad_image": {"th": "ข้อนี้ต้องส่งรูปภาพค่ะ", "ms": "Soalan ini perlukan gambar."},
    "too_long": {
        "th": "คำตอบยาวเกินไปค่ะ (ไม่เกิน {limit} ตัวอักษร)",
        "ms": "Jawapan terlalu panjang (tidak lebih {limit} aksara).",
    },
    "photo_answer": {"th": "รูปภาพ 1 รูป", "ms": "1 gambar"},
    "location_answer": {"th": "ตำแหน่ง {lat}, {lon}", "ms": "Lokasi {lat}, {lon}"},
    "skipped": {"th": "(ข้าม)", "ms": "(dilangkau)"},
    # Buttons (20 characters at most: LINE cuts longer labels).
    "back": {"th": "ย้อนกลับ", "ms": "Kembali"},
    "pause": {"th": "พักไว้ก่อน", "ms": "Tangguh dulu"},
    "skip": {"th": "ข้าม", "ms": "Langkau"},
    "done": {"th": "เสร็จแล้ว", "ms": "Selesai"},
    "next_page": {"th": "ถัดไป ▶", "ms": "Seterusnya ▶"},
    "previous_page": {"th": "◀ ก่อนหน้า", "ms": "◀ Sebelum"},
    "add": {"th": "เพิ่ม", "ms": "Tambah"},
    "no_more": {"th": "ไม่มีแล้ว", "ms": "Tiada lagi"},
    "submit": {"th": "ส่งแบบสำรวจ", "ms": "Hantar"},
    "discard": {"th": "ยกเลิกชุดนี้", "ms": "Batal"},
    "discard_yes": {"th": "ยืนยันยกเลิก", "ms": "Ya, batal"},
    "keep_going": {"th": "ทำต่อ", "ms": "Teruskan"},
    "start_new": {"th": "เริ่มชุดใหม่", "ms": "Mula baru"},
    "another": {"th": "ทำอีกชุด", "ms": "Temu bual baru"},
    "pick_date": {"th": "เลือกวันที่", "ms": "Pilih tarikh"},
    "send_location": {"th": "ส่งตำแหน่ง", "ms": "Hantar lokasi"},
    "camera": {"th": "ถ่ายรูป", "ms": "Ambil gambar"},
    "camera_roll": {"th": "เลือกรูป", "ms": "Pilih gambar"},
    "start_button": {"th": "เริ่มทำแบบสำรวจ", "ms": "Mula tinjauan"},
    "announcement": {
        "th": "ขอเชิญอาสาสมัครทำแบบสำรวจ «{title}» ค่ะ กดปุ่มด้านล่างเพื่อเริ่มได้เลยค่ะ",
        "ms": "Sukarelawan dijemput membuat tinjauan «{title}». Tekan butang untuk mula.",
    },
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
    """The catalogue language for a LineUser.language: Malay for ms*, Thai otherwise."""
    return "ms" if (stored or "").lower().startswith("ms") else "th"


def say(key: str, language: str, **values: Any) -> str:
    """The catalogue text `key` in `language` (Thai when it has no such language)."""
    entry = TEXTS[key]
    return (entry.get(language) or entry["th"]).format(**values)
