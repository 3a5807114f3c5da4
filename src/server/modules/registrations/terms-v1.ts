/**
 * The first published version of the terms of use and of the access policy, seeded by migration 0003.
 * Frozen: later versions are published by coordinators (POST /api/v1/terms/versions), never by editing
 * this file. Format: paragraphs separated by a blank line, "## " starts a section heading, "- " a list item.
 */

export const TERMS_OF_USE_V1 = {
  title: {
    en: "Terms of use of the Paris Pact Platform",
    ru: "Условия использования платформы Парижского пакта",
  },
  body: {
    en: `These terms govern the use of the Paris Pact Platform (the "Platform"), the information-management component of the Paris Pact Initiative, operated by the United Nations Office on Drugs and Crime (UNODC) on behalf of the partnership. By creating an account or signing in you accept them. If you do not accept them, do not use the protected sections.

## 1. Who may use the protected sections

The protected sections are only available to law-enforcement authorities, government agencies and organizations working to combat drugs and crime, in countries and organizations that are partners of the Paris Pact. An account is personal: it is given to one named official for the duties described in the registration request.

## 2. Your account

- Keep your password and your second authentication factor secret; never share your account or let another person sign in with it.
- Tell the Paris Pact Coordination Unit at once if you think your account has been used by someone else, and change your password.
- Keep the details of your registration (agency, position, contact details) correct. Tell the Coordination Unit when you leave your post or no longer need access: your account will then be closed.

## 3. Permitted use

Information from the protected sections may be used only for the official duties of your agency or organization in countering illicit drugs and crime: analysis, planning, coordination of operations, technical assistance and reporting within your institution.

## 4. What is not permitted

- Passing on individual records (for example data on a single seizure, person, company, shipment or training participant) to anyone outside your institution, publishing them, or using them as evidence, without the written consent of the partner that provided them and of UNODC.
- Publishing or presenting data from the protected sections in a form that can identify a person, a case or a source. Aggregated figures may be cited with the source "Paris Pact Platform, UNODC".
- Copying the databases in bulk, harvesting data with automated tools other than the personal API tokens the Platform provides, or trying to reach data beyond the rights of your account.
- Entering data you are not authorized to share, or personal data that is not needed for the purpose of the record.
- Interfering with the security or the operation of the Platform.

## 5. Data you enter

When you enter or validate data (for example projects, assistance needs, seizures, fact sheets or trainings), you confirm that your institution may share it with the partnership on the terms of the access policy, and that it is correct to the best of your knowledge. The partner that provides a record remains responsible for its content; UNODC and the Coordination Unit may correct obvious errors and archive records.

## 6. Confidentiality and security

Treat information from the protected sections according to its sharing level (public, members, partner-only or restricted) and to the rules of your own institution for information of that kind. Do not download protected information to unmanaged or shared devices.

## 7. Monitoring and audit

To protect the data of the partners, every sign-in, every change and every reading of restricted information is recorded with the account, the time and the network address. These records are used for security, for the accountability of the partnership and to investigate misuse.

## 8. Suspension and closure

UNODC may suspend or close an account without notice if these terms or the access policy are breached, if the account appears to be compromised, or at the request of the partner concerned. Serious breaches are reported to the head of the user's institution and to the partner that provided the data.

## 9. No warranty

Information on the Platform is provided by the partners as it is reported to UNODC. UNODC takes care that the Platform is available and accurate but gives no warranty as to the completeness or accuracy of the information or the continuity of the service.

## 10. Privileges and immunities

Nothing in these terms constitutes or may be considered a limitation upon or a waiver of the privileges and immunities of the United Nations, including UNODC.

## 11. Changes to these terms

UNODC may publish new versions of these terms. You will be asked to accept a new version the next time you sign in, and you cannot use the protected sections until you do.`,
    ru: `Настоящие условия регулируют использование платформы Парижского пакта («Платформа») — компонента информационного обеспечения Инициативы «Парижский пакт», который Управление Организации Объединенных Наций по наркотикам и преступности (УНП ООН) ведет от имени партнерства. Создавая учетную запись или входя в систему, вы принимаете эти условия. Если вы их не принимаете, не пользуйтесь защищенными разделами.

## 1. Кто может пользоваться защищенными разделами

Защищенные разделы доступны только правоохранительным органам, государственным ведомствам и организациям, ведущим борьбу с наркотиками и преступностью, в странах и организациях — партнерах Парижского пакта. Учетная запись является персональной: она предоставляется одному конкретному должностному лицу для выполнения обязанностей, указанных в заявке на регистрацию.

## 2. Ваша учетная запись

- Храните в тайне пароль и второй фактор аутентификации; никому не передавайте учетную запись и не позволяйте другим лицам входить под ней.
- Если вы полагаете, что вашей учетной записью воспользовался кто-то другой, немедленно сообщите об этом в Группу координации Парижского пакта и смените пароль.
- Поддерживайте сведения регистрации (ведомство, должность, контактные данные) в актуальном состоянии. Сообщите в Группу координации, если вы покидаете должность или доступ вам больше не нужен: учетная запись будет закрыта.

## 3. Разрешенное использование

Сведения из защищенных разделов могут использоваться только для выполнения служебных обязанностей вашего ведомства или организации в сфере противодействия незаконному обороту наркотиков и преступности: для анализа, планирования, координации операций, технической помощи и отчетности внутри вашего учреждения.

## 4. Что запрещено

- Передавать отдельные записи (например, сведения об отдельном изъятии, лице, компании, партии груза или участнике обучения) кому-либо за пределами вашего учреждения, публиковать их или использовать в качестве доказательств без письменного согласия предоставившего их партнера и УНП ООН.
- Публиковать или представлять данные из защищенных разделов в виде, позволяющем установить лицо, дело или источник. Обобщенные показатели можно приводить со ссылкой «Платформа Парижского пакта, УНП ООН».
- Массово копировать базы данных, извлекать данные автоматизированными средствами, кроме персональных API-токенов, которые предоставляет Платформа, или пытаться получить доступ к данным сверх прав вашей учетной записи.
- Вносить данные, которыми вы не уполномочены делиться, или персональные данные, не нужные для цели записи.
- Нарушать безопасность или работу Платформы.

## 5. Вносимые вами данные

Внося или проверяя данные (например, проекты, потребности в помощи, изъятия, информационные справки или сведения об обучении), вы подтверждаете, что ваше учреждение вправе предоставить их партнерству на условиях политики доступа и что они, насколько вам известно, верны. Ответственность за содержание записи несет предоставивший ее партнер; УНП ООН и Группа координации могут исправлять очевидные ошибки и переносить записи в архив.

## 6. Конфиденциальность и безопасность

Обращайтесь со сведениями из защищенных разделов в соответствии с их уровнем доступа (общедоступные, для участников, только для партнера, ограниченного доступа) и с правилами вашего учреждения для сведений такого рода. Не загружайте защищенные сведения на неуправляемые или общие устройства.

## 7. Контроль и аудит

Для защиты данных партнеров каждый вход в систему, каждое изменение и каждое обращение к сведениям ограниченного доступа регистрируются с указанием учетной записи, времени и сетевого адреса. Эти записи используются для обеспечения безопасности, подотчетности партнерства и расследования случаев ненадлежащего использования.

## 8. Приостановление и закрытие доступа

УНП ООН может без предупреждения приостановить или закрыть учетную запись при нарушении настоящих условий или политики доступа, при подозрении, что учетная запись скомпрометирована, или по просьбе соответствующего партнера. О серьезных нарушениях сообщается руководителю учреждения пользователя и партнеру, предоставившему данные.

## 9. Отсутствие гарантий

Сведения на Платформе предоставляются партнерами в том виде, в каком они сообщены УНП ООН. УНП ООН заботится о доступности Платформы и точности сведений, но не гарантирует их полноту или точность, а также бесперебойность работы.

## 10. Привилегии и иммунитеты

Ничто в настоящих условиях не является и не может считаться ограничением или отказом от привилегий и иммунитетов Организации Объединенных Наций, включая УНП ООН.

## 11. Изменение условий

УНП ООН может публиковать новые редакции настоящих условий. При следующем входе в систему вам будет предложено принять новую редакцию; до этого защищенные разделы будут вам недоступны.`,
  },
};

export const ACCESS_POLICY_V1 = {
  title: {
    en: "Access policy of the Paris Pact Platform",
    ru: "Политика доступа платформы Парижского пакта",
  },
  body: {
    en: `This policy sets out who may see what on the Paris Pact Platform, how access is granted and how information shared by the partners is protected.

## 1. Eligibility

Access to the protected sections is granted only to officials of law-enforcement authorities, government agencies and organizations working to combat drugs and crime, from the partner countries and organizations of the Paris Pact, who need the information for their duties.

## 2. How access is granted

- An eligible official registers online with their name, official e-mail address, partner, agency, position, work phone and the reason for access, and confirms the e-mail address.
- The national focal point of the partner may vouch for the request or recommend that it be declined.
- The Paris Pact Coordination Unit decides. The target is a decision within 48 hours of the confirmation of the e-mail address. A refusal states its reason.
- Access is personal and limited to the role given: member, focal point, liaison officer, coordinator or administrator.

## 3. Roles

- Visitors read the public pages and public statistics, in which small counts are suppressed.
- Members read the protected sections according to the sharing levels below.
- Focal points also maintain their partner's projects, assistance needs and implementation reports, and review registrations from their partner.
- Liaison officers also enter and validate drug data, fact sheets and trainings for the countries assigned to them.
- Coordinators also manage meetings, recommendations, users, approvals and publication; administrators maintain the system.

## 4. Sharing levels

Every record has one of four sharing levels, chosen by the partner that provides it:

- Public: open to everyone, including visitors.
- Members: open to every approved user.
- Partner only: open to the users of the partner concerned, and to the Coordination Unit.
- Restricted: open only to the roles or persons named on the record, and to the Coordination Unit.

## 5. Use of individual records

Data on individual seizures and other individual records are shared for internal analysis only. They may not be passed on outside the user's institution, published or used as evidence without the written consent of the partner that provided them and of UNODC. Published analyses use aggregated figures only.

## 6. Security

Passwords are stored only as one-way hashes. Two-factor authentication is required for focal points, liaison officers, coordinators and administrators. Sessions expire after a period of inactivity. Every sign-in, every change and every reading of restricted information is recorded in an audit log that the Coordination Unit reviews.

## 7. Review and withdrawal of access

Accounts that are no longer needed, or whose holder has left their post, are closed. The Coordination Unit may suspend access at any time to protect the partners' information. A partner may ask for the access of its own officials to be withdrawn.

## 8. Personal data

The Platform keeps the personal data needed to manage accounts (name, e-mail address, agency, position, work phone and the audit records above) for as long as the account exists and the audit records for the period required by UNODC rules. It is not shared outside the partnership.

## 9. Changes to this policy

UNODC may publish new versions of this policy. Users are asked to accept a new version at their next sign-in.`,
    ru: `Настоящая политика определяет, кто и какие сведения может видеть на платформе Парижского пакта, как предоставляется доступ и как защищаются сведения, которыми делятся партнеры.

## 1. Право на доступ

Доступ к защищенным разделам предоставляется только должностным лицам правоохранительных органов, государственных ведомств и организаций, ведущих борьбу с наркотиками и преступностью, из стран и организаций — партнеров Парижского пакта, которым эти сведения нужны для выполнения служебных обязанностей.

## 2. Порядок предоставления доступа

- Должностное лицо, имеющее право на доступ, регистрируется на сайте, указывая имя, служебный адрес электронной почты, партнера, ведомство, должность, рабочий телефон и причину запроса доступа, и подтверждает адрес электронной почты.
- Национальный координатор партнера может поручиться за заявку или рекомендовать ее отклонить.
- Решение принимает Группа координации Парижского пакта. Целевой срок — 48 часов с момента подтверждения адреса электронной почты. Отказ сопровождается указанием причины.
- Доступ является персональным и ограничен присвоенной ролью: участник, национальный координатор, офицер связи, координатор или администратор.

## 3. Роли

- Посетители читают общедоступные страницы и открытую статистику, в которой малые значения скрыты.
- Участники читают защищенные разделы в соответствии с уровнями доступа, указанными ниже.
- Национальные координаторы, кроме того, ведут проекты, потребности в помощи и отчеты о выполнении своего партнера и рассматривают заявки на регистрацию от своего партнера.
- Офицеры связи, кроме того, вносят и проверяют данные о наркотиках, информационные справки и сведения об обучении по закрепленным за ними странам.
- Координаторы, кроме того, управляют совещаниями, рекомендациями, пользователями, утверждением заявок и публикацией; администраторы обслуживают систему.

## 4. Уровни доступа

Каждой записи присваивается один из четырех уровней доступа, который выбирает предоставивший ее партнер:

- Общедоступный: открыт всем, включая посетителей.
- Для участников: открыт всем утвержденным пользователям.
- Только для партнера: открыт пользователям соответствующего партнера и Группе координации.
- Ограниченный: открыт только ролям или лицам, указанным в записи, и Группе координации.

## 5. Использование отдельных записей

Сведения об отдельных изъятиях и другие отдельные записи предоставляются только для внутреннего анализа. Их нельзя передавать за пределы учреждения пользователя, публиковать или использовать в качестве доказательств без письменного согласия предоставившего их партнера и УНП ООН. В публикуемых аналитических материалах используются только обобщенные показатели.

## 6. Безопасность

Пароли хранятся только в виде необратимых хешей. Для национальных координаторов, офицеров связи, координаторов и администраторов обязательна двухфакторная аутентификация. Сеансы завершаются после периода бездействия. Каждый вход в систему, каждое изменение и каждое обращение к сведениям ограниченного доступа регистрируются в журнале аудита, который проверяет Группа координации.

## 7. Пересмотр и прекращение доступа

Учетные записи, которые больше не нужны или владелец которых покинул должность, закрываются. Группа координации может в любой момент приостановить доступ для защиты сведений партнеров. Партнер может попросить прекратить доступ своих должностных лиц.

## 8. Персональные данные

Платформа хранит персональные данные, необходимые для ведения учетных записей (имя, адрес электронной почты, ведомство, должность, рабочий телефон и указанные выше записи аудита), пока существует учетная запись, а записи аудита — в течение срока, установленного правилами УНП ООН. Эти данные не передаются за пределы партнерства.

## 9. Изменение политики

УНП ООН может публиковать новые редакции настоящей политики. Пользователям предлагается принять новую редакцию при следующем входе в систему.`,
  },
};
