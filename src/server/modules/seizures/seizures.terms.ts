/**
 * The DMP's own terms of use, accepted once before the first access to individual records (on top of the
 * platform's terms and access policy). They restate what UNODC's DMP allowed: internal analysis only.
 */
export const DMP_TERMS_TEXT = {
  en: [
    "Terms of use of the Drugs Monitoring Platform (version 1)",
    "",
    "1. Individual seizure records are shared by partners for internal analysis by your institution only.",
    "2. Do not pass individual seizures on to anyone outside your institution, publish them, or use them as evidence, without the written consent of the partner that provided them and of UNODC.",
    "3. Publish only aggregated figures; suppress figures based on fewer than three seizures.",
    "4. Records of a restricted level are visible only to the partner that entered them, to the liaison officers of the country and to the Coordination Unit.",
    "5. Every opening, list and export of individual records is recorded in the audit log with your name, the time and your address.",
  ].join("\n"),
  ru: [
    "Условия использования Платформы мониторинга наркотиков (редакция 1)",
    "",
    "1. Отдельные записи об изъятиях предоставляются партнерами только для внутреннего анализа в вашем учреждении.",
    "2. Не передавайте сведения об отдельных изъятиях за пределы вашего учреждения, не публикуйте их и не используйте в качестве доказательств без письменного согласия предоставившего их партнера и УНП ООН.",
    "3. Публикуйте только агрегированные показатели; не раскрывайте показатели, основанные менее чем на трех изъятиях.",
    "4. Записи ограниченного уровня доступа видны только внесшему их партнеру, сотрудникам по связям соответствующей страны и Группе координации.",
    "5. Каждый просмотр, список и выгрузка отдельных записей фиксируются в журнале аудита с указанием вашего имени, времени и адреса.",
  ].join("\n"),
};
