"""Write the three shipped XLSForm files (returnee, labour_demand, volunteer_report) with openpyxl.

The .xlsx files are what `asabot surveys load` reads and what field teams open in Excel or
LibreOffice. This script is how they were first written; after editing an .xlsx by hand, do
not run it again (it would overwrite the edit) — or make the edit here and run it:

    python surveys/build_forms.py          # writes surveys/*.xlsx
    asabot surveys check                   # then check them

Rows are (type, name, Thai label, Malay label, other columns). Topic sources: README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent
SURVEY_COLUMNS = (
    "type",
    "name",
    "label::th",
    "label::ms",
    "hint::th",
    "hint::ms",
    "required",
    "relevant",
    "constraint",
    "constraint_message::th",
    "constraint_message::ms",
    "calculation",
    "repeat_count",
    "personal",
)
CHOICE_COLUMNS = ("list_name", "name", "label::th", "label::ms")
SETTINGS_COLUMNS = ("form_id", "form_title", "title_ms", "version", "default_language")

Row = tuple[str, str, str, str, dict[str, str]]


def q(kind: str, name: str, th: str = "", ms: str = "", **extra: str) -> Row:
    return (kind, name, th, ms, extra)


YES_NO = [("yes", "ใช่", "Ya"), ("no", "ไม่ใช่", "Tidak")]
COUNTRIES = [
    ("malaysia", "มาเลเซีย", "Malaysia"),
    ("singapore", "สิงคโปร์", "Singapura"),
    ("brunei", "บรูไน", "Brunei"),
    ("saudi", "ซาอุดีอาระเบีย", "Arab Saudi"),
    ("uae", "สหรัฐอาหรับเอมิเรตส์", "Emiriah Arab Bersatu"),
    ("qatar", "กาตาร์", "Qatar"),
    ("kuwait", "คูเวต", "Kuwait"),
    ("oman", "โอมาน", "Oman"),
    ("bahrain", "บาห์เรน", "Bahrain"),
    ("israel", "อิสราเอล", "Israel"),
    ("korea", "เกาหลีใต้", "Korea Selatan"),
    ("japan", "ญี่ปุ่น", "Jepun"),
    ("taiwan", "ไต้หวัน", "Taiwan"),
    ("other", "ประเทศอื่น", "Negara lain"),
]
PHONE = {
    "constraint": "regex(., '^0[0-9]{8,9}$')",
    "constraint_message::th": "เบอร์โทรขึ้นต้นด้วย 0 และมี 9-10 หลัก เช่น 0812345678",
    "constraint_message::ms": "Nombor telefon bermula dengan 0 dan 9-10 digit, cth. 0812345678",
}
BAHT = {
    "constraint": ". >= 0 and . <= 5000000",
    "constraint_message::th": "ใส่จำนวนเงินเป็นบาท 0 ถึง 5,000,000",
    "constraint_message::ms": "Masukkan jumlah dalam baht, 0 hingga 5,000,000",
}

RETURNEE_SURVEY: list[Row] = [
    q("start", "started"),
    q("end", "ended"),
    q(
        "note",
        "intro",
        "แบบสำรวจนี้ถามผู้ที่เคยไปทำงานต่างประเทศแล้วกลับมา เรื่องการไปทำงาน ค่าใช้จ่าย ค่าจ้าง "
        "ปัญหาที่พบ และการกลับมา ใช้เวลาประมาณ 15 นาที",
        "Tinjauan ini untuk orang yang pernah bekerja di luar negara dan sudah pulang: pekerjaan, "
        "kos, gaji, masalah dan kepulangan. Kira-kira 15 minit.",
    ),
    q("begin_group", "respondent", "ผู้ให้ข้อมูล", "Responden"),
    q("select_one sex", "sex", "เพศของผู้ให้ข้อมูล", "Jantina responden", required="yes",
      personal="yes"),
    q("integer", "age", "อายุ (ปี)", "Umur (tahun)", required="yes", personal="yes",
      constraint=". >= 15 and . <= 90",
      **{"constraint_message::th": "อายุต้องอยู่ระหว่าง 15 ถึง 90 ปี",
         "constraint_message::ms": "Umur mesti antara 15 hingga 90 tahun"}),
    q("select_one education", "education", "การศึกษาสูงสุด", "Pendidikan tertinggi",
      required="yes"),
    q("end_group", ""),
    q("begin_group", "abroad", "การไปทำงานครั้งล่าสุด", "Pekerjaan terakhir di luar negara"),
    q("select_one country", "country", "ไปทำงานประเทศไหน (ครั้งล่าสุด)",
      "Negara tempat bekerja (kali terakhir)", required="yes"),
    q("text", "country_other", "ประเทศอะไร", "Negara apa", required="yes",
      relevant="${country} = 'other'"),
    q("integer", "year_left", "ปีที่ออกไปทำงาน (พ.ศ. หรือ ค.ศ.)",
      "Tahun keluar bekerja (B.E. atau Masihi)", required="yes",
      constraint="(. >= 1970 and . <= 2030) or (. >= 2513 and . <= 2573)",
      **{"hint::th": "เช่น 2565 หรือ 2022", "hint::ms": "cth. 2565 atau 2022",
         "constraint_message::th": "ใส่ปีเป็นตัวเลข 4 หลัก เช่น 2565",
         "constraint_message::ms": "Tulis tahun 4 digit, cth. 2022"}),
    q("date", "returned_on", "วันที่กลับถึงบ้าน (ถ้าจำวันไม่ได้ ใส่วันที่ 1 ของเดือน)",
      "Tarikh pulang ke rumah (jika tidak ingat hari, tulis 1 haribulan)", required="yes",
      constraint=". <= today()",
      **{"constraint_message::th": "วันที่กลับต้องไม่เกินวันนี้",
         "constraint_message::ms": "Tarikh pulang tidak boleh selepas hari ini"}),
    q("decimal", "years_abroad", "ทำงานที่นั่นรวมกี่ปี (เช่น 1.5)",
      "Berapa tahun bekerja di sana (cth. 1.5)", required="yes",
      constraint=". > 0 and . <= 50",
      **{"constraint_message::th": "ใส่จำนวนปี มากกว่า 0 ไม่เกิน 50",
         "constraint_message::ms": "Tulis bilangan tahun, lebih 0 dan tidak lebih 50"}),
    q("select_one sector", "sector", "ทำงานด้านไหน", "Sektor pekerjaan", required="yes"),
    q("select_one channel", "channel", "ไปทำงานด้วยวิธีไหน", "Bagaimana mendapat kerja itu",
      required="yes"),
    q("select_multiple documents", "documents", "มีเอกสารอะไรบ้าง (เลือกได้หลายข้อ)",
      "Dokumen yang ada (boleh pilih lebih dari satu)", required="yes",
      constraint="not(selected(., 'none') and count-selected(.) > 1)",
      **{"constraint_message::th": "ถ้าเลือก «ไม่มีเอกสาร» จะเลือกข้ออื่นด้วยไม่ได้",
         "constraint_message::ms": "Jika pilih «Tiada dokumen», jangan pilih yang lain"}),
    q("select_one yes_no", "contract_language", "สัญญาจ้างเป็นภาษาที่อ่านเข้าใจไหม",
      "Adakah kontrak dalam bahasa yang difahami", relevant="selected(${documents}, 'contract')"),
    q("end_group", ""),
    q("begin_group", "costs", "ค่าใช้จ่ายก่อนไปทำงาน (บาท)", "Kos sebelum bekerja (baht)"),
    q("integer", "cost_fee", "ค่านายหน้าหรือค่าบริการจัดหางาน (บาท, ไม่มีใส่ 0)",
      "Yuran ejen atau pengambilan (baht, tiada tulis 0)", required="yes", **BAHT),
    q("integer", "cost_documents", "ค่าเอกสาร วีซ่า ตรวจสุขภาพ (บาท)",
      "Kos dokumen, visa, pemeriksaan kesihatan (baht)", required="yes", **BAHT),
    q("integer", "cost_travel", "ค่าเดินทางไปถึงที่ทำงาน (บาท)",
      "Kos perjalanan ke tempat kerja (baht)", required="yes", **BAHT),
    q("calculate", "cost_total", calculation="${cost_fee} + ${cost_documents} + ${cost_travel}"),
    q("select_one loan", "loan", "กู้ยืมเงินมาจ่ายค่าใช้จ่ายไหม", "Adakah meminjam wang untuk kos itu",
      required="yes"),
    q("integer", "loan_months", "ใช้เวลาใช้หนี้กี่เดือน", "Berapa bulan untuk membayar hutang",
      relevant="${loan} != 'none'", constraint=". >= 0 and . <= 240",
      **{"constraint_message::th": "ใส่จำนวนเดือน 0 ถึง 240",
         "constraint_message::ms": "Tulis bilangan bulan, 0 hingga 240"}),
    q("end_group", ""),
    q("begin_group", "wages", "ค่าจ้าง", "Gaji"),
    q("integer", "wage_promised", "ค่าจ้างต่อเดือนที่ได้รับสัญญาไว้ (บาท)",
      "Gaji sebulan yang dijanjikan (baht)", required="yes", **BAHT),
    q("integer", "wage_received", "ค่าจ้างต่อเดือนที่ได้จริง (บาท)",
      "Gaji sebulan yang diterima sebenarnya (baht)", required="yes", **BAHT),
    q("calculate", "wage_shortfall",
      calculation="if(${wage_received} < ${wage_promised}, 'yes', 'no')"),
    q("end_group", ""),
    q("select_multiple problems", "problems", "ปัญหาที่พบระหว่างทำงาน (เลือกได้หลายข้อ)",
      "Masalah semasa bekerja (boleh pilih lebih dari satu)", required="yes",
      constraint="not(selected(., 'none') and count-selected(.) > 1)",
      **{"constraint_message::th": "ถ้าเลือก «ไม่มีปัญหา» จะเลือกข้ออื่นด้วยไม่ได้",
         "constraint_message::ms": "Jika pilih «Tiada masalah», jangan pilih yang lain"}),
    q("select_one yes_no", "sought_help", "เคยขอความช่วยเหลือเรื่องปัญหานี้ไหม",
      "Pernah minta bantuan tentang masalah itu", required="yes",
      relevant="not(selected(${problems}, 'none'))"),
    q("select_one return_reason", "return_reason", "เหตุผลหลักที่กลับมา", "Sebab utama pulang",
      required="yes"),
    q("select_one work_now", "work_now", "ตอนนี้ทำงานอะไร", "Pekerjaan sekarang", required="yes"),
    q("select_multiple skills", "skills", "ได้ทักษะอะไรจากการไปทำงาน (เลือกได้หลายข้อ)",
      "Kemahiran yang diperoleh (boleh pilih lebih dari satu)", required="yes",
      constraint="not(selected(., 'none') and count-selected(.) > 1)",
      **{"constraint_message::th": "ถ้าเลือก «ไม่ได้ทักษะใหม่» จะเลือกข้ออื่นด้วยไม่ได้",
         "constraint_message::ms": "Jika pilih «Tiada», jangan pilih yang lain"}),
    q("begin_repeat", "member", "สมาชิกครัวเรือนอีกคนที่เคยไปทำงานต่างประเทศ",
      "Ahli isi rumah lain yang pernah bekerja di luar negara"),
    q("select_one relation", "member_relation", "เป็นอะไรกับผู้ให้ข้อมูล",
      "Hubungan dengan responden", required="yes"),
    q("select_one country", "member_country", "ไปทำงานประเทศไหน", "Bekerja di negara mana",
      required="yes"),
    q("select_one yes_no", "member_abroad_now", "ตอนนี้ยังอยู่ต่างประเทศไหม",
      "Masih di luar negara sekarang", required="yes"),
    q("end_repeat", ""),
    q("select_one go_again", "go_again", "อยากไปทำงานต่างประเทศอีกไหม",
      "Mahu bekerja di luar negara lagi", required="yes"),
    q("select_one country", "go_again_country", "อยากไปประเทศไหน", "Mahu ke negara mana",
      relevant="${go_again} != 'no'"),
    q("select_multiple help", "help_wanted", "อยากได้ความช่วยเหลือเรื่องไหน (เลือกได้หลายข้อ)",
      "Bantuan yang diperlukan (boleh pilih lebih dari satu)", required="yes",
      constraint="not(selected(., 'none') and count-selected(.) > 1)",
      **{"constraint_message::th": "ถ้าเลือก «ไม่ต้องการ» จะเลือกข้ออื่นด้วยไม่ได้",
         "constraint_message::ms": "Jika pilih «Tidak perlu», jangan pilih yang lain"}),
    q("select_one yes_no", "follow_up", "ยินดีให้เจ้าหน้าที่ติดต่อกลับไหม",
      "Setuju dihubungi semula oleh pegawai", required="yes", personal="yes"),
    q("text", "phone", "เบอร์โทรติดต่อกลับ", "Nombor telefon untuk dihubungi", required="yes",
      relevant="${follow_up} = 'yes'", personal="yes", **PHONE),
    q("geopoint", "place", "ส่งตำแหน่งที่สัมภาษณ์ (ข้ามได้)",
      "Hantar lokasi temu bual (boleh langkau)", personal="yes"),
    q("note", "thanks", "ขอบคุณผู้ให้ข้อมูลค่ะ ตรวจคำตอบแล้วกดส่งได้เลย",
      "Terima kasih kepada responden. Semak jawapan dan hantar."),
]

RETURNEE_CHOICES = {
    "sex": [("male", "ชาย", "Lelaki"), ("female", "หญิง", "Perempuan"),
            ("other", "ไม่ระบุ", "Tidak dinyatakan")],
    "education": [
        ("none", "ไม่ได้เรียน", "Tidak bersekolah"),
        ("primary", "ประถม", "Sekolah rendah"),
        ("lower_secondary", "มัธยมต้น", "Menengah rendah"),
        ("upper_secondary", "มัธยมปลาย/ปวช.", "Menengah atas/vokasional"),
        ("diploma", "ปวส./อนุปริญญา", "Diploma"),
        ("degree", "ปริญญาตรีขึ้นไป", "Ijazah ke atas"),
        ("religious", "ปอเนาะ/ศาสนา", "Pondok/agama"),
    ],
    "country": COUNTRIES,
    "sector": [
        ("agriculture", "เกษตร/สวนยาง/ปาล์ม", "Pertanian/ladang"),
        ("fishing", "ประมง", "Perikanan"),
        ("construction", "ก่อสร้าง", "Pembinaan"),
        ("manufacturing", "โรงงาน", "Kilang"),
        ("restaurant", "ร้านอาหาร/โรงแรม", "Restoran/hotel"),
        ("domestic", "งานบ้าน", "Pembantu rumah"),
        ("trade", "ค้าขาย", "Perniagaan"),
        ("other", "อื่น ๆ", "Lain-lain"),
    ],
    "channel": [
        ("agency", "บริษัทจัดหางาน", "Agensi pekerjaan"),
        ("government", "กรมการจัดหางาน", "Jabatan Pekerjaan"),
        ("broker", "นายหน้า/สาย", "Ejen/orang tengah"),
        ("network", "ญาติหรือเพื่อนพาไป", "Saudara atau kawan"),
        ("self", "ไปเอง", "Sendiri"),
        ("employer", "นายจ้างติดต่อมาเอง", "Majikan sendiri"),
    ],
    "documents": [
        ("passport", "หนังสือเดินทาง", "Pasport"),
        ("work_permit", "ใบอนุญาตทำงาน/วีซ่า", "Permit kerja/visa"),
        ("contract", "สัญญาจ้าง", "Kontrak kerja"),
        ("border_pass", "บัตรผ่านแดน", "Pas sempadan"),
        ("none", "ไม่มีเอกสาร", "Tiada dokumen"),
    ],
    "yes_no": YES_NO,
    "loan": [
        ("none", "ไม่ได้กู้", "Tidak meminjam"),
        ("family", "ญาติหรือเพื่อน", "Saudara atau kawan"),
        ("lender", "นายทุนนอกระบบ", "Pemberi pinjaman"),
        ("bank", "ธนาคาร/กองทุน", "Bank/tabung"),
        ("deducted", "นายจ้างหรือนายหน้าหักค่าจ้าง", "Dipotong dari gaji"),
    ],
    "problems": [
        ("unpaid", "ค้างค่าจ้าง", "Gaji tidak dibayar"),
        ("underpaid", "ได้ค่าจ้างน้อยกว่าที่ตกลง", "Gaji kurang dari janji"),
        ("long_hours", "ทำงานนานเกินไป", "Waktu kerja terlalu panjang"),
        ("no_rest", "ไม่มีวันหยุด", "Tiada hari cuti"),
        ("passport_held", "ถูกยึดหนังสือเดินทาง", "Pasport ditahan"),
        ("debt", "มีหนี้ต้องหักค่าจ้าง", "Hutang dipotong gaji"),
        ("injury", "บาดเจ็บหรือไม่ปลอดภัย", "Cedera/tidak selamat"),
        ("abuse", "ถูกทำร้ายหรือคุกคาม", "Didera atau diganggu"),
        ("arrest", "ถูกจับหรือส่งกลับ", "Ditangkap/dihantar pulang"),
        ("contract_changed", "งานไม่ตรงสัญญา", "Kerja lain dari kontrak"),
        ("none", "ไม่มีปัญหา", "Tiada masalah"),
    ],
    "return_reason": [
        ("contract_end", "ครบสัญญา", "Kontrak tamat"),
        ("job_lost", "ตกงาน/นายจ้างเลิกจ้าง", "Hilang kerja"),
        ("deported", "ถูกส่งกลับ/ไม่มีเอกสาร", "Dihantar pulang"),
        ("family", "เรื่องครอบครัว", "Hal keluarga"),
        ("health", "เจ็บป่วยหรือบาดเจ็บ", "Sakit atau cedera"),
        ("bad_work", "ค่าจ้างน้อยหรือสภาพงานแย่", "Gaji rendah/kerja teruk"),
        ("saved_enough", "เก็บเงินได้พอแล้ว", "Sudah cukup simpanan"),
        ("other", "อื่น ๆ", "Lain-lain"),
    ],
    "work_now": [
        ("employee", "ลูกจ้างในพื้นที่", "Pekerja tempatan"),
        ("own_business", "ค้าขาย/ทำสวน/ธุรกิจของตัวเอง", "Perniagaan/kebun sendiri"),
        ("looking", "ว่างงาน กำลังหางาน", "Menganggur, cari kerja"),
        ("not_working", "ไม่ได้ทำงาน", "Tidak bekerja"),
        ("studying", "เรียนหนังสือ/ฝึกอาชีพ", "Belajar/latihan"),
    ],
    "skills": [
        ("language", "ภาษา", "Bahasa"),
        ("trade", "ช่างหรือวิชาชีพ", "Kemahiran teknikal"),
        ("machines", "ใช้เครื่องจักร", "Mengendali mesin"),
        ("service", "งานบริการ/ทำอาหาร", "Perkhidmatan/masakan"),
        ("management", "การจัดการ/ค้าขาย", "Pengurusan/perniagaan"),
        ("none", "ไม่ได้ทักษะใหม่", "Tiada"),
    ],
    "relation": [
        ("spouse", "คู่สมรส", "Suami/isteri"),
        ("child", "ลูก", "Anak"),
        ("parent", "พ่อหรือแม่", "Ibu atau bapa"),
        ("sibling", "พี่น้อง", "Adik-beradik"),
        ("other", "ญาติอื่น", "Saudara lain"),
    ],
    "go_again": [("yes", "อยากไป", "Mahu"), ("maybe", "ยังไม่แน่ใจ", "Belum pasti"),
                 ("no", "ไม่อยากไป", "Tidak mahu")],
    "help": [
        ("jobs", "หางานในพื้นที่", "Cari kerja tempatan"),
        ("training", "ฝึกอาชีพ", "Latihan kemahiran"),
        ("fund", "เงินทุน/สินเชื่อ", "Modal/pinjaman"),
        ("legal", "ทวงค่าจ้างหรือสิทธิ", "Tuntut gaji/hak"),
        ("safe_migration", "ข้อมูลไปทำงานอย่างปลอดภัย", "Maklumat kerja selamat"),
        ("none", "ไม่ต้องการ", "Tidak perlu"),
    ],
}

LABOUR_DEMAND_SURVEY: list[Row] = [
    q("start", "started"),
    q("end", "ended"),
    q("note", "intro",
      "แบบสำรวจความต้องการแรงงานของสถานประกอบการในพื้นที่ ถามเจ้าของหรือผู้จัดการ",
      "Tinjauan keperluan tenaga kerja majikan setempat. Tanya pemilik atau pengurus."),
    q("text", "business", "ชื่อกิจการหรือร้าน", "Nama perniagaan atau kedai", required="yes",
      constraint="string-length(.) >= 2 and string-length(.) <= 200",
      **{"constraint_message::th": "ชื่อกิจการยาว 2 ถึง 200 ตัวอักษร",
         "constraint_message::ms": "Nama perniagaan 2 hingga 200 aksara"}),
    q("select_one sector", "sector", "ประเภทกิจการ", "Jenis perniagaan", required="yes"),
    q("integer", "workers", "ตอนนี้มีลูกจ้างกี่คน", "Bilangan pekerja sekarang", required="yes",
      constraint=". >= 0 and . <= 100000",
      **{"constraint_message::th": "ใส่จำนวนคน 0 ถึง 100,000",
         "constraint_message::ms": "Tulis bilangan 0 hingga 100,000"}),
    q("select_one yes_no", "hiring", "ตอนนี้ต้องการรับคนเพิ่มไหม", "Perlu pekerja tambahan sekarang",
      required="yes"),
    q("begin_repeat", "vacancy", "ตำแหน่งที่ต้องการรับ", "Jawatan kosong",
      relevant="${hiring} = 'yes'"),
    q("text", "position", "ตำแหน่งงาน", "Jawatan", required="yes"),
    q("integer", "openings", "ต้องการกี่คน", "Berapa orang", required="yes",
      constraint=". >= 1 and . <= 10000",
      **{"constraint_message::th": "ใส่จำนวน 1 ถึง 10,000 คน",
         "constraint_message::ms": "Tulis 1 hingga 10,000 orang"}),
    q("select_multiple skills", "skills_needed", "ทักษะที่ต้องการ (เลือกได้หลายข้อ)",
      "Kemahiran diperlukan (boleh pilih lebih dari satu)", required="yes"),
    q("integer", "wage_offered", "ค่าจ้างที่ให้ต่อเดือน (บาท)", "Gaji ditawarkan sebulan (baht)",
      required="yes", **BAHT),
    q("select_one yes_no", "hard_to_fill", "หาคนยากไหม", "Sukar mencari pekerja", required="yes"),
    q("end_repeat", ""),
    q("select_multiple recruit", "recruit_channels", "ปกติหาคนทางไหน (เลือกได้หลายข้อ)",
      "Cara biasa mencari pekerja (boleh pilih lebih dari satu)", required="yes"),
    q("select_one go_again", "hire_returnees", "ยินดีรับคนที่กลับจากทำงานต่างประเทศไหม",
      "Sedia mengambil pekerja yang pulang dari luar negara", required="yes"),
    q("text", "contact_name", "ชื่อผู้ติดต่อ (ข้ามได้)", "Nama untuk dihubungi (boleh langkau)",
      personal="yes"),
    q("text", "contact_phone", "เบอร์โทรผู้ติดต่อ (ข้ามได้)", "Telefon untuk dihubungi (boleh langkau)",
      personal="yes", **PHONE),
    q("geopoint", "place", "ส่งตำแหน่งกิจการ (ข้ามได้)", "Hantar lokasi perniagaan (boleh langkau)"),
]

LABOUR_DEMAND_CHOICES = {
    "sector": RETURNEE_CHOICES["sector"][:5] + [
        ("retail", "ร้านค้า", "Kedai runcit"),
        ("transport", "ขนส่ง", "Pengangkutan"),
        ("other", "อื่น ๆ", "Lain-lain"),
    ],
    "yes_no": YES_NO,
    "skills": [
        ("general", "แรงงานทั่วไป", "Buruh am"),
        ("driving", "ขับรถ", "Memandu"),
        ("trade", "ช่าง", "Tukang"),
        ("machines", "ใช้เครื่องจักร", "Mengendali mesin"),
        ("computer", "คอมพิวเตอร์", "Komputer"),
        ("language", "ภาษาต่างประเทศ", "Bahasa asing"),
        ("sales", "ขาย/บริการ", "Jualan/perkhidmatan"),
        ("cooking", "ทำอาหาร", "Memasak"),
    ],
    "recruit": [
        ("job_centre", "สำนักงานจัดหางาน", "Pejabat pekerjaan"),
        ("online", "ออนไลน์/โซเชียล", "Dalam talian"),
        ("word_of_mouth", "บอกต่อ/คนรู้จัก", "Dari mulut ke mulut"),
        ("agency", "บริษัทจัดหางาน", "Agensi"),
        ("notice", "ติดประกาศ", "Notis"),
    ],
    "go_again": [("yes", "ยินดี", "Ya"), ("maybe", "อาจจะ", "Mungkin"), ("no", "ไม่", "Tidak")],
}

VOLUNTEER_REPORT_SURVEY: list[Row] = [
    q("date", "period_end", "รายงานถึงวันที่", "Laporan sehingga tarikh", required="yes",
      constraint=". <= today()",
      **{"constraint_message::th": "วันที่ต้องไม่เกินวันนี้",
         "constraint_message::ms": "Tarikh tidak boleh selepas hari ini"}),
    q("integer", "people_helped", "ช่วยเหลือประชาชนกี่คน", "Bilangan orang yang dibantu",
      required="yes", constraint=". >= 0 and . <= 5000",
      **{"constraint_message::th": "ใส่จำนวนคน 0 ถึง 5,000",
         "constraint_message::ms": "Tulis 0 hingga 5,000 orang"}),
    q("integer", "women_helped", "ในจำนวนนี้เป็นผู้หญิงกี่คน", "Berapa orang perempuan",
      required="yes", relevant="${people_helped} > 0", constraint=". >= 0 and . <= ${people_helped}",
      **{"constraint_message::th": "จำนวนผู้หญิงต้องไม่เกินจำนวนคนที่ช่วยเหลือ",
         "constraint_message::ms": "Bilangan perempuan tidak boleh lebih dari jumlah"}),
    q("calculate", "women_share",
      calculation="if(${people_helped} > 0, ${women_helped} div ${people_helped}, 0)"),
    q("select_multiple topics", "topics", "เรื่องที่ช่วยเหลือ (เลือกได้หลายข้อ)",
      "Perkara yang dibantu (boleh pilih lebih dari satu)", required="yes",
      relevant="${people_helped} > 0"),
    q("integer", "referrals", "ส่งต่อหน่วยงานกี่เรื่อง", "Bilangan rujukan ke agensi",
      required="yes", constraint=". >= 0 and . <= 5000",
      **{"constraint_message::th": "ใส่จำนวน 0 ถึง 5,000",
         "constraint_message::ms": "Tulis 0 hingga 5,000"}),
    q("select_multiple agencies", "referred_to", "ส่งต่อไปที่ไหนบ้าง", "Dirujuk ke mana",
      required="yes", relevant="${referrals} > 0"),
    q("integer", "complaints_filed", "ช่วยแจ้งเรื่องร้องเรียนกี่เรื่อง",
      "Bilangan aduan yang dibantu", required="yes", constraint=". >= 0 and . <= 5000",
      **{"constraint_message::th": "ใส่จำนวน 0 ถึง 5,000",
         "constraint_message::ms": "Tulis 0 hingga 5,000"}),
    q("select_multiple activities", "activities", "กิจกรรมที่ทำ (เลือกได้หลายข้อ)",
      "Aktiviti (boleh pilih lebih dari satu)", required="yes"),
    q("image", "photo", "ส่งรูปกิจกรรม 1 รูป (ข้ามได้)", "Hantar satu gambar aktiviti (boleh langkau)"),
    q("geopoint", "place", "ส่งตำแหน่งที่ทำกิจกรรม (ข้ามได้)",
      "Hantar lokasi aktiviti (boleh langkau)"),
    q("text", "remarks", "เรื่องอื่นที่อยากรายงาน (ข้ามได้)", "Perkara lain untuk dilaporkan (boleh langkau)"),
]

VOLUNTEER_REPORT_CHOICES = {
    "topics": [
        ("wages", "ค่าจ้าง", "Gaji"),
        ("social_security", "ประกันสังคม", "Keselamatan sosial"),
        ("jobs", "หางาน", "Cari kerja"),
        ("abroad", "ทำงานต่างประเทศ", "Kerja luar negara"),
        ("injury", "อุบัติเหตุจากงาน", "Kemalangan kerja"),
        ("protection", "สิทธิลูกจ้าง", "Hak pekerja"),
        ("other", "อื่น ๆ", "Lain-lain"),
    ],
    "agencies": [
        ("labour_office", "สำนักงานแรงงานจังหวัด", "Pejabat buruh wilayah"),
        ("social_security", "สำนักงานประกันสังคม", "Pejabat keselamatan sosial"),
        ("employment", "สำนักงานจัดหางาน", "Pejabat pekerjaan"),
        ("protection", "สวัสดิการและคุ้มครองแรงงาน", "Perlindungan buruh"),
        ("skills", "พัฒนาฝีมือแรงงาน", "Pembangunan kemahiran"),
        ("ombudsman", "ผู้ตรวจการแผ่นดิน", "Ombudsman"),
        ("other", "อื่น ๆ", "Lain-lain"),
    ],
    "activities": [
        ("home_visits", "เยี่ยมบ้าน", "Lawatan rumah"),
        ("meeting", "ประชุมชุมชน", "Mesyuarat komuniti"),
        ("training", "อบรม", "Latihan"),
        ("booth", "ออกบูธ/รณรงค์", "Kempen/gerai"),
        ("online", "ให้คำปรึกษาทางโทรศัพท์/ออนไลน์", "Nasihat telefon/dalam talian"),
    ],
}

FORMS: dict[str, dict[str, Any]] = {
    "returnee": {
        "title": "แรงงานที่กลับจากทำงานต่างประเทศ",
        "title_ms": "Pekerja yang pulang dari luar negara",
        "version": "2025.1",
        "survey": RETURNEE_SURVEY,
        "choices": RETURNEE_CHOICES,
    },
    "labour_demand": {
        "title": "ความต้องการแรงงานของนายจ้างในพื้นที่",
        "title_ms": "Keperluan tenaga kerja majikan setempat",
        "version": "2025.1",
        "survey": LABOUR_DEMAND_SURVEY,
        "choices": LABOUR_DEMAND_CHOICES,
    },
    "volunteer_report": {
        "title": "รายงานกิจกรรมอาสาสมัครแรงงาน",
        "title_ms": "Laporan aktiviti sukarelawan buruh",
        "version": "2025.1",
        "survey": VOLUNTEER_REPORT_SURVEY,
        "choices": VOLUNTEER_REPORT_CHOICES,
    },
}


def _sheet(workbook: Workbook, title: str, header: tuple[str, ...], rows: list[list[str]]) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"


def write_form(form_id: str, spec: dict[str, Any], folder: Path = HERE) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    survey_rows = []
    for kind, name, th, ms, extra in spec["survey"]:
        values = {"type": kind, "name": name, "label::th": th, "label::ms": ms, **extra}
        survey_rows.append([values.get(column, "") for column in SURVEY_COLUMNS])
    _sheet(workbook, "survey", SURVEY_COLUMNS, survey_rows)
    choice_rows = [
        [list_name, name, th, ms]
        for list_name, choices in spec["choices"].items()
        for name, th, ms in choices
    ]
    _sheet(workbook, "choices", CHOICE_COLUMNS, choice_rows)
    settings = [[form_id, spec["title"], spec["title_ms"], spec["version"], "th"]]
    _sheet(workbook, "settings", SETTINGS_COLUMNS, settings)
    path = folder / f"{form_id}.xlsx"
    workbook.save(path)
    return path


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else HERE
    for form_id, spec in FORMS.items():
        print(write_form(form_id, spec, folder))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
