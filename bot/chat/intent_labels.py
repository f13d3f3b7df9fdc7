"""The taxonomy's Thai intent labels (intents/taxonomy.yaml), marked for the message catalogue.

The taxonomy is a shared spec with Thai labels only; marking them here gives each its Malay form
in bot/locale/ms. tests/bot/test_catalogue.py checks this list matches the taxonomy, so a new
intent cannot reach a Malay speaker's buttons with no Malay label. Labels over LINE's 20
characters have short labels in bot/chat/menu.py and are not buttons themselves.
"""

from __future__ import annotations

from bot.core.i18n import L_, N_

TAXONOMY_LABELS: dict[str, str] = {
    "greeting": L_("ทักทาย"),
    "thanks_goodbye": L_("ขอบคุณ / ลาก่อน"),
    "help_menu": L_("เมนู / ใช้งานอย่างไร"),
    "minimum_wage": L_("ค่าจ้างขั้นต่ำ"),
    "labour_protection": L_("คุ้มครองแรงงาน"),
    "social_security": L_("ประกันสังคม"),
    "workplace_safety": N_("ความปลอดภัยในการทำงาน"),
    "job_search": L_("หางาน"),
    "work_abroad": L_("ไปทำงานต่างประเทศ"),
    "skill_training": N_("ฝึกอาชีพ / พัฒนาฝีมือ"),
    "migrant_workers": L_("แรงงานต่างด้าว"),
    "ombudsman_info": L_("ผู้ตรวจการแผ่นดิน"),
    "complaint_file": L_("แจ้งเรื่องร้องเรียน"),
    "complaint_status": N_("ติดตามเรื่องร้องเรียน"),
    "volunteer_register": L_("ลงทะเบียนอาสาสมัคร"),
    "volunteer_role": N_("บทบาทอาสาสมัคร / บัณฑิตแรงงาน"),
    "contact_office": L_("ติดต่อหน่วยงาน"),
    "announcements": L_("ข่าวประกาศ"),
    "human_agent": L_("ขอคุยกับเจ้าหน้าที่"),
    "out_of_scope": N_("นอกขอบเขต"),
}
