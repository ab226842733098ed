"""Demo service packages for enterprises, in seven languages.

The article says: the district carried out the series of activities "Foreign Affairs
Service Package Helping Enterprises Go Abroad", which combines the application for the
APEC Business Travel Card, the invitation letter for Chinese visas and consular protection,
bringing policy information and workflow introductions to enterprises' doorstep; it set up
service windows for foreigners' work permits where the work permit and the residence
permit are processed at a single window; and, with Beijing's Business Environment Reform
5.0, it made convenient registration services accessible to transnational companies.

It gives no document lists, steps, processing times, fees or contact details. So:

- The three packages, their services and their purpose follow the article.
- The documents and steps are written from public information on these procedures
  (the APEC card scheme, visa invitations, the consular hotline of the Ministry of Foreign
  Affairs, work and residence permits, company and representative-office registration),
  simplified for the demonstration; the laws named in the legal basis are real and link
  to the home pages of the official sites.
- Processing times, fees and the contact details (a phone number of zeros, addresses on
  example.org) are sample data. Every package is marked as sample and says so in its
  `sample_note` in every language.
"""

from functools import partial

from apps.core.demo_loading import DemoLoad
from apps.core.models import PublishingStatus

from .models import RequiredDocument, ServiceItem, ServicePackage, ServiceStep

LANGS = ("zh_hans", "en", "ja", "ru", "fr", "es", "ar")
PACKAGE_FIELDS = (
    "title",
    "summary",
    "audience",
    "description",
    "fees",
    "legal_basis",
    "contact_office",
    "sample_note",
)
PDF = "pdf"
ANY = "pdf,jpeg,png"
PICTURE = "jpeg,png"
# Keeps a phone number in one left-to-right run inside Arabic text.
LRM = "\u200e"


def t(zh_hans, en, ja, ru, fr, es, ar) -> dict[str, str]:
    """One text in the seven languages, in the order of settings.LANGUAGES."""
    return dict(zip(LANGS, (zh_hans, en, ja, ru, fr, es, ar), strict=True))


CONTACT = t(
    "西城区人民政府外事办公室\n电话：{phone}（示例）\n电子邮件：{email}（示例）\n工作日 "
    "9:00–12:00、13:30–17:00（示例）",
    "Foreign Affairs Office of the Xicheng District People's Government\nPhone: {phone} "
    "(sample)\nEmail: {email} (sample)\nWorking days 9:00–12:00 and 13:30–17:00 (sample)",
    "西城区人民政府外事弁公室\n電話：{phone}（サンプル）\nメール：{email}（サンプル）\n平日 "
    "9:00～12:00、13:30～17:00（サンプル）",
    "Канцелярия по иностранным делам народного правительства района Сичэн\nТелефон: {phone} "
    "(пример)\nЭл. почта: {email} (пример)\nПо рабочим дням 9:00–12:00 и 13:30–17:00 (пример)",
    "Bureau des affaires étrangères du gouvernement populaire du district de Xicheng\n"
    "Téléphone : {phone} (exemple)\nCourriel : {email} (exemple)\nJours ouvrables, 9 h – 12 h "
    "et 13 h 30 – 17 h (exemple)",
    "Oficina de Asuntos Exteriores del Gobierno Popular del distrito de Xicheng\nTeléfono: "
    "{phone} (ejemplo)\nCorreo electrónico: {email} (ejemplo)\nDías laborables, de 9:00 a "
    "12:00 y de 13:30 a 17:00 (ejemplo)",
    "مكتب الشؤون الخارجية التابع للحكومة الشعبية لمنطقة شيتشنغ\nالهاتف: {lrm}{phone} (مثال)\n"
    "البريد الإلكتروني: {email} (مثال)\nأيام العمل من 9:00 إلى 12:00 ومن 13:30 إلى 17:00 "
    "(مثال)",
)


def contact(email: str) -> dict[str, str]:
    """The Foreign Affairs Office, with a sample phone number and an example.org address."""
    return {
        lang: text.format(phone="+86 10 0000 0000", email=email, lrm=LRM)
        for lang, text in CONTACT.items()
    }


SAMPLE_NOTE = t(
    "材料清单、办理步骤、办理时限、费用和联系方式均为演示网站的示例数据，申请前请向主管部门核实。",
    "Document lists, steps, processing times, fees and contact details are sample data for "
    "the demonstration site. Check with the office before applying.",
    "必要書類、手順、処理期間、費用、連絡先はデモサイト用のサンプルデータです。申請前に担当窓"
    "口にご確認ください。",
    "Перечни документов, этапы, сроки, сборы и контактные данные — демонстрационные данные "
    "для этого сайта. Перед подачей заявки уточните их в учреждении.",
    "Les listes de pièces, les étapes, les délais, les frais et les coordonnées sont des "
    "données d'exemple pour le site de démonstration. Vérifiez-les auprès du bureau avant de "
    "déposer une demande.",
    "Las listas de documentos, los pasos, los plazos, las tasas y los datos de contacto son "
    "datos de ejemplo para el sitio de demostración. Consúltelos con la oficina antes de "
    "presentar la solicitud.",
    "قوائم الوثائق والخطوات ومدد الإنجاز والرسوم وبيانات الاتصال بيانات تجريبية لموقع العرض. "
    "يُرجى التحقق منها لدى المكتب قبل تقديم الطلب.",
)

# --- Documents and steps several services share -----------------------------------------

PHOTO = (
    t(
        "近期证件照",
        "Recent passport photograph",
        "最近撮影した証明写真",
        "Недавняя фотография на документы",
        "Photo d'identité récente",
        "Fotografía reciente tipo pasaporte",
        "صورة شخصية حديثة",
    ),
    t(
        "彩色、白色背景、近六个月内拍摄。",
        "Colour, white background, taken within the last six months.",
        "カラー、白背景、6か月以内に撮影したもの。",
        "Цветная, на белом фоне, сделанная в последние шесть месяцев.",
        "En couleur, sur fond blanc, datant de moins de six mois.",
        "En color, con fondo blanco, tomada en los últimos seis meses.",
        "ملونة بخلفية بيضاء، التُقطت خلال الأشهر الستة الأخيرة.",
    ),
    True,
    PICTURE,
)

BUSINESS_LICENCE = (
    t(
        "企业营业执照",
        "Business licence of the enterprise",
        "企業の営業許可証",
        "Бизнес-лицензия предприятия",
        "Licence commerciale de l'entreprise",
        "Licencia comercial de la empresa",
        "الرخصة التجارية للمؤسسة",
    ),
    t(
        "载有统一社会信用代码，企业注册地在西城区。",
        "Showing the unified social credit code; the enterprise is registered in Xicheng District.",
        "統一社会信用コードの記載があり、西城区に登記されていること。",
        "С единым кодом социального кредита; предприятие зарегистрировано в районе Сичэн.",
        "Portant le code unifié de crédit social ; l'entreprise est enregistrée dans le "
        "district de Xicheng.",
        "Con el código unificado de crédito social; la empresa está registrada en el distrito "
        "de Xicheng.",
        "تتضمن رمز الائتمان الاجتماعي الموحد، وتكون المؤسسة مسجلة في منطقة شيتشنغ.",
    ),
    True,
    PDF,
)

PREMISES = (
    t(
        "住所使用证明",
        "Proof of the registered address",
        "住所使用証明",
        "Подтверждение адреса помещения",
        "Justificatif de domiciliation",
        "Justificante del domicilio",
        "ما يثبت العنوان المسجّل",
    ),
    t(
        "西城区内经营场所的租赁合同或产权证明。",
        "A lease or property certificate for premises in Xicheng District.",
        "西城区内の事業所の賃貸借契約書または所有権証明。",
        "Договор аренды или свидетельство о собственности на помещение в районе Сичэн.",
        "Bail ou titre de propriété de locaux situés dans le district de Xicheng.",
        "Contrato de arrendamiento o título de propiedad de un local en el distrito de Xicheng.",
        "عقد إيجار أو سند ملكية لمقر في منطقة شيتشنغ.",
    ),
    True,
    PDF,
)

POWER_OF_ATTORNEY = (
    t(
        "授权委托书",
        "Power of attorney",
        "委任状",
        "Доверенность",
        "Procuration",
        "Poder de representación",
        "توكيل",
    ),
    t(
        "委托代理人办理时提供。",
        "Only if an agent files for the investor.",
        "代理人が申請する場合のみ。",
        "Только если документы подаёт представитель.",
        "Seulement si un mandataire dépose le dossier.",
        "Solo si un representante presenta la solicitud.",
        "فقط إذا قدّم وكيل الطلب نيابةً عن المستثمر.",
    ),
    False,
    PDF,
)

SUBMIT_ONLINE = (
    t(
        "在线提交申请",
        "Send the request online",
        "オンラインで申請",
        "Подача заявки онлайн",
        "Déposer la demande en ligne",
        "Presentar la solicitud en línea",
        "تقديم الطلب عبر الإنترنت",
    ),
    t(
        "通过本网站提交申请并上传材料。",
        "Send the request with the documents through this portal.",
        "このポータルから書類を添えて申請します。",
        "Отправьте заявку с документами через этот портал.",
        "Envoyez la demande et les pièces par ce portail.",
        "Envíe la solicitud con los documentos a través de este portal.",
        "أرسل الطلب مع الوثائق عبر هذه البوابة.",
    ),
)

PRE_CHECK = (
    t(
        "材料预审",
        "Pre-check of the documents",
        "書類の事前確認",
        "Предварительная проверка",
        "Vérification préalable",
        "Revisión previa",
        "المراجعة المسبقة",
    ),
    t(
        "通过本网站提交材料，区里预先审核并告知需补正的内容。",
        "Send the documents through this portal; the district checks them and tells you what "
        "is missing.",
        "このポータルから書類を送ると、区が事前に確認し、補正が必要な点をお知らせします。",
        "Отправьте документы через этот портал; район проверит их и сообщит, чего не хватает.",
        "Envoyez les pièces par ce portail ; le district les vérifie et vous indique ce qui "
        "manque.",
        "Envíe los documentos a través de este portal; el distrito los revisa y le indica lo "
        "que falta.",
        "أرسل الوثائق عبر هذه البوابة، فتراجعها المنطقة وتبلغك بما ينقص.",
    ),
)

FILE_REGISTRATION = (
    t(
        "正式申报",
        "File the registration",
        "正式申請",
        "Подача на регистрацию",
        "Déposer l'enregistrement",
        "Presentar el registro",
        "تقديم التسجيل",
    ),
    t(
        "通过市场监管部门的网上平台申报登记，可使用电子签名。",
        "File online with the market regulation authority; electronic signatures are accepted.",
        "市場監督管理部門のオンラインプラットフォームで登記を申請します。電子署名が使えます。",
        "Подайте заявление онлайн в орган по надзору за рынком; допускаются электронные подписи.",
        "Déposez le dossier en ligne auprès de l'administration de régulation du marché ; les "
        "signatures électroniques sont acceptées.",
        "Presente la solicitud en línea ante la autoridad de regulación del mercado; se "
        "aceptan firmas electrónicas.",
        "قدّم الطلب عبر الإنترنت إلى هيئة تنظيم السوق، وتُقبل التوقيعات الإلكترونية.",
    ),
)

# --- "Going Abroad": the APEC card, visa invitations, consular protection ----------------

APEC_CARD = {
    "title": t(
        "APEC商务旅行卡申办",
        "APEC Business Travel Card application",
        "APECビジネス・トラベル・カードの申請",
        "Оформление карты делового путешественника АТЭС",
        "Demande de carte de voyage d'affaires APEC",
        "Solicitud de la tarjeta de viaje de negocios APEC",
        "طلب بطاقة سفر رجال الأعمال لمنتدى APEC",
    ),
    "description": t(
        "持卡人可在已对其完成预审的APEC经济体之间短期商务往来，无需每次办理签证，有效期五年。"
        "区外办审核申请后报送北京市人民政府外事办公室；各经济体随后进行预审，可能另需数周。",
        "The card lets business people enter the APEC economies that have pre-cleared them "
        "for short business visits without applying for a visa each time. It is valid for "
        "five years. The district checks the application and forwards it to the Beijing "
        "Municipal Foreign Affairs Office; each economy then pre-clears the applicant, which "
        "can take several weeks longer.",
        "カードの保有者は、事前審査を終えたAPECエコノミーに短期商用で入国でき、その都度ビザを"
        "申請する必要がありません。有効期間は5年です。区が申請を確認して北京市人民政府外事弁公"
        "室に送付し、その後各エコノミーが事前審査を行います。審査にはさらに数週間かかることが"
        "あります。",
        "Карта позволяет деловым людям въезжать в экономики АТЭС, одобрившие их кандидатуру, "
        "для краткосрочных деловых поездок без оформления визы каждый раз. Срок действия — "
        "пять лет. Район проверяет заявку и направляет её в Канцелярию по иностранным делам "
        "народного правительства Пекина; затем каждая экономика проводит предварительную "
        "проверку, что может занять ещё несколько недель.",
        "La carte permet aux gens d'affaires d'entrer, pour de courts séjours d'affaires, "
        "dans les économies de l'APEC qui les ont préapprouvés, sans demander de visa à "
        "chaque fois. Elle est valable cinq ans. Le district examine la demande et la "
        "transmet au Bureau des affaires étrangères de la municipalité de Pékin ; chaque "
        "économie procède ensuite à sa préapprobation, ce qui peut prendre plusieurs semaines "
        "de plus.",
        "La tarjeta permite a las personas de negocios entrar en las economías de APEC que "
        "las han preaprobado para viajes de negocios cortos sin solicitar un visado cada vez. "
        "Tiene una validez de cinco años. El distrito revisa la solicitud y la remite a la "
        "Oficina de Asuntos Exteriores del Gobierno Municipal de Pekín; después, cada "
        "economía realiza su preaprobación, lo que puede tardar varias semanas más.",
        "تتيح البطاقة لرجال الأعمال دخول اقتصادات APEC التي وافقت مسبقًا على طلباتهم في زيارات "
        "عمل قصيرة دون طلب تأشيرة في كل مرة، وتسري لمدة خمس سنوات. تراجع المنطقة الطلب وتحيله "
        "إلى مكتب الشؤون الخارجية لحكومة بلدية بكين، ثم يجري كل اقتصاد موافقته المسبقة، وقد "
        "يستغرق ذلك عدة أسابيع إضافية.",
    ),
    "processing_days": 20,
    "needs_travel_details": True,
    "documents": [
        (
            t(
                "护照个人资料页",
                "Passport data page",
                "旅券の身分事項ページ",
                "Страница паспорта с личными данными",
                "Page d'identité du passeport",
                "Página de datos del pasaporte",
                "صفحة البيانات الشخصية في جواز السفر",
            ),
            t(
                "申请人有效普通护照的清晰扫描件。",
                "A clear scan of the applicant's valid ordinary passport.",
                "申請者の有効な一般旅券の鮮明なスキャン。",
                "Чёткий скан действующего общегражданского паспорта заявителя.",
                "Un scan lisible du passeport ordinaire en cours de validité du demandeur.",
                "Un escaneo legible del pasaporte ordinario vigente del solicitante.",
                "نسخة ممسوحة واضحة من جواز السفر العادي الساري لمقدم الطلب.",
            ),
            True,
            ANY,
        ),
        PHOTO,
        BUSINESS_LICENCE,
        (
            t(
                "赴APEC经济体商务往来证明",
                "Proof of frequent business travel to APEC economies",
                "APECエコノミーへの頻繁な商用渡航の証明",
                "Подтверждение частых деловых поездок в экономики АТЭС",
                "Justificatifs de voyages d'affaires fréquents dans les économies de l'APEC",
                "Justificantes de viajes de negocios frecuentes a economías de APEC",
                "ما يثبت السفر المتكرر للعمل إلى اقتصادات APEC",
            ),
            t(
                "如近两年的商务合同、邀请函或因商务出行办理的签证。",
                "For example contracts, invitations or earlier visas for business trips in "
                "the last two years.",
                "過去2年間の契約書、招へい状、商用渡航で取得したビザなど。",
                "Например, контракты, приглашения или визы для деловых поездок за последние "
                "два года.",
                "Par exemple des contrats, des invitations ou des visas obtenus pour des "
                "voyages d'affaires au cours des deux dernières années.",
                "Por ejemplo, contratos, invitaciones o visados de viajes de negocios de los "
                "últimos dos años.",
                "مثل العقود أو رسائل الدعوة أو التأشيرات السابقة لرحلات العمل خلال العامين "
                "الأخيرين.",
            ),
            True,
            PDF,
        ),
        (
            t(
                "企业推荐函",
                "Letter of recommendation from the enterprise",
                "企業の推薦状",
                "Рекомендательное письмо предприятия",
                "Lettre de recommandation de l'entreprise",
                "Carta de recomendación de la empresa",
                "خطاب توصية من المؤسسة",
            ),
            t(
                "加盖企业公章，说明申请人职务及出行事由。",
                "On letterhead with the company seal, stating the applicant's position and "
                "why they travel.",
                "社印を押したレターヘッドで、申請者の役職と渡航理由を記載したもの。",
                "На фирменном бланке с печатью компании, с указанием должности заявителя и "
                "цели поездок.",
                "Sur papier à en-tête portant le sceau de l'entreprise, indiquant la fonction "
                "du demandeur et le motif de ses déplacements.",
                "En papel con membrete y sello de la empresa, indicando el cargo del "
                "solicitante y el motivo de sus viajes.",
                "على ورق المؤسسة الرسمي ومختومة بختمها، تبيّن منصب مقدم الطلب وسبب سفره.",
            ),
            True,
            PDF,
        ),
        (
            t(
                "劳动合同或社保缴纳证明",
                "Employment contract or social insurance record",
                "雇用契約書または社会保険の加入記録",
                "Трудовой договор или выписка о социальном страховании",
                "Contrat de travail ou relevé de sécurité sociale",
                "Contrato de trabajo o certificado de cotización a la seguridad social",
                "عقد العمل أو سجل التأمين الاجتماعي",
            ),
            t(
                "仅在需要核实申请人与企业劳动关系时提供。",
                "Only if the office asks for it to confirm that the applicant works for the "
                "enterprise.",
                "申請者が企業に在籍していることの確認を求められた場合のみ。",
                "Только если канцелярия попросит подтвердить, что заявитель работает на "
                "предприятии.",
                "Uniquement si le bureau le demande pour vérifier que le demandeur travaille "
                "pour l'entreprise.",
                "Solo si la oficina lo pide para comprobar que el solicitante trabaja en la "
                "empresa.",
                "فقط إذا طلبه المكتب للتحقق من أن مقدم الطلب يعمل لدى المؤسسة.",
            ),
            False,
            PDF,
        ),
    ],
    "steps": [
        (
            t(
                "确认申请条件",
                "Check eligibility",
                "申請資格の確認",
                "Проверка условий",
                "Vérifier les conditions",
                "Comprobar los requisitos",
                "التحقق من الأهلية",
            ),
            t(
                "阅读本页说明或咨询区外办，确认申请人是否符合条件。",
                "Read the conditions on this page or ask the Foreign Affairs Office whether "
                "the applicant qualifies.",
                "このページの説明を読むか、外事弁公室に問い合わせて、申請者が条件を満たすか確"
                "認します。",
                "Ознакомьтесь с условиями на этой странице или уточните в канцелярии, "
                "подходит ли заявитель.",
                "Lisez les conditions sur cette page ou demandez au Bureau des affaires "
                "étrangères si le demandeur remplit les critères.",
                "Lea las condiciones de esta página o consulte a la Oficina de Asuntos "
                "Exteriores si el solicitante cumple los requisitos.",
                "اقرأ الشروط في هذه الصفحة أو استفسر من مكتب الشؤون الخارجية عمّا إذا كان مقدم "
                "الطلب مؤهلًا.",
            ),
        ),
        SUBMIT_ONLINE,
        (
            t(
                "审核与报送",
                "Review and forwarding",
                "審査と送付",
                "Проверка и передача",
                "Examen et transmission",
                "Revisión y envío",
                "المراجعة والإحالة",
            ),
            t(
                "区外办审核材料，并报送北京市人民政府外事办公室。",
                "The district checks the documents and forwards the application to the "
                "Beijing Municipal Foreign Affairs Office.",
                "区が書類を確認し、北京市人民政府外事弁公室に申請を送付します。",
                "Район проверяет документы и передаёт заявку в Канцелярию по иностранным "
                "делам народного правительства Пекина.",
                "Le district vérifie les pièces et transmet la demande au Bureau des affaires "
                "étrangères de la municipalité de Pékin.",
                "El distrito revisa los documentos y remite la solicitud a la Oficina de "
                "Asuntos Exteriores del Gobierno Municipal de Pekín.",
                "تراجع المنطقة الوثائق وتحيل الطلب إلى مكتب الشؤون الخارجية لحكومة بلدية بكين.",
            ),
        ),
        (
            t(
                "APEC经济体预审",
                "Pre-clearance by the APEC economies",
                "APECエコノミーによる事前審査",
                "Предварительная проверка экономиками АТЭС",
                "Préapprobation par les économies de l'APEC",
                "Preaprobación por las economías de APEC",
                "الموافقة المسبقة من اقتصادات APEC",
            ),
            t(
                "申请人拟前往的各经济体分别进行预审。",
                "Each economy the applicant will visit pre-clears the applicant.",
                "申請者が訪問予定の各エコノミーが事前審査を行います。",
                "Каждая экономика, которую посетит заявитель, проводит предварительную проверку.",
                "Chaque économie dans laquelle le demandeur se rendra procède à sa préapprobation.",
                "Cada economía que visitará el solicitante realiza su preaprobación.",
                "يجري كل اقتصاد سيزوره مقدم الطلب موافقته المسبقة.",
            ),
        ),
        (
            t(
                "领取卡片",
                "Collect the card",
                "カードの受け取り",
                "Получение карты",
                "Retirer la carte",
                "Recoger la tarjeta",
                "استلام البطاقة",
            ),
            t(
                "卡片制发后通知您领取时间和地点。",
                "You are told when the card is ready and where to collect it.",
                "カードの準備ができたら、受け取りの日時と場所をお知らせします。",
                "Вам сообщат, когда карта будет готова и где её получить.",
                "Vous êtes informé lorsque la carte est prête et du lieu où la retirer.",
                "Se le avisará cuando la tarjeta esté lista y dónde recogerla.",
                "يُبلَّغ مقدم الطلب عند جاهزية البطاقة ومكان استلامها.",
            ),
        ),
    ],
}

INVITATION_LETTER = {
    "title": t(
        "邀请外国人来华邀请函办理",
        "Invitation letter for foreign guests' Chinese visas",
        "外国人を中国に招へいするための招へい状",
        "Приглашение для получения иностранцами китайской визы",
        "Lettre d'invitation pour le visa chinois d'invités étrangers",
        "Carta de invitación para el visado chino de invitados extranjeros",
        "رسالة دعوة لتأشيرة الصين للضيوف الأجانب",
    ),
    "description": t(
        "外国合作伙伴来华开展商务活动，一般需凭邀请函申请签证。区外办为在西城注册的企业核实商"
        "务（M字）签证邀请，并在中国驻外使领馆要求时出具被授权单位邀请函。",
        "Foreign partners coming to China on business usually need an invitation to apply for "
        "a visa. The district confirms invitations from enterprises registered in Xicheng for "
        "business visits (M visa) and issues the invitation letter of an authorised unit "
        "where the Chinese embassy or consulate asks for one.",
        "商用で来訪する外国の取引先は、通常ビザ申請に招へい状が必要です。区は西城区に登録され"
        "た企業による商用（Mビザ）の招へいを確認し、在外中国大使館・総領事館が求める場合には、"
        "授権機関の招へい状を発行します。",
        "Иностранным партнёрам, приезжающим в Китай по делам, для получения визы обычно нужно "
        "приглашение. Район подтверждает приглашения предприятий, зарегистрированных в "
        "Сичэне, для деловых поездок (виза категории M) и выдаёт приглашение уполномоченной "
        "организации, если его требует посольство или консульство Китая.",
        "Les partenaires étrangers qui viennent en Chine pour affaires ont généralement "
        "besoin d'une invitation pour demander un visa. Le district confirme les invitations "
        "des entreprises enregistrées à Xicheng pour des séjours d'affaires (visa M) et "
        "délivre la lettre d'invitation d'une entité habilitée lorsque l'ambassade ou le "
        "consulat de Chine l'exige.",
        "Los socios extranjeros que vienen a China por negocios suelen necesitar una "
        "invitación para solicitar el visado. El distrito confirma las invitaciones de "
        "empresas registradas en Xicheng para viajes de negocios (visado M) y expide la carta "
        "de invitación de una entidad autorizada cuando la embajada o el consulado de China "
        "la exige.",
        "يحتاج الشركاء الأجانب القادمون إلى الصين للعمل عادةً إلى رسالة دعوة لطلب التأشيرة. "
        "تتحقق المنطقة من دعوات المؤسسات المسجلة في شيتشنغ لزيارات العمل (تأشيرة M)، وتُصدر "
        "رسالة الدعوة من جهة مخولة عندما تطلبها سفارة الصين أو قنصليتها.",
    ),
    "processing_days": 5,
    "needs_travel_details": False,
    "documents": [
        (
            t(
                "被邀请人护照复印件",
                "Copy of the invitee's passport",
                "被招へい者の旅券の写し",
                "Копия паспорта приглашённого",
                "Copie du passeport de la personne invitée",
                "Copia del pasaporte de la persona invitada",
                "نسخة من جواز سفر المدعو",
            ),
            t(
                "护照个人资料页；护照有效期应在计划入境后至少六个月。",
                "The data page; the passport must be valid for at least six months after the "
                "planned arrival.",
                "身分事項ページ。旅券は入国予定日から6か月以上有効であること。",
                "Страница с личными данными; паспорт должен действовать не менее шести "
                "месяцев после планируемого въезда.",
                "La page d'identité ; le passeport doit être valable au moins six mois après "
                "l'arrivée prévue.",
                "La página de datos; el pasaporte debe ser válido al menos seis meses después "
                "de la llegada prevista.",
                "صفحة البيانات؛ ويجب أن يكون الجواز ساريًا ستة أشهر على الأقل بعد موعد الوصول "
                "المقرر.",
            ),
            True,
            ANY,
        ),
        (
            t(
                "企业邀请函",
                "The enterprise's invitation letter",
                "企業の招へい状",
                "Приглашение от предприятия",
                "Lettre d'invitation de l'entreprise",
                "Carta de invitación de la empresa",
                "رسالة الدعوة الصادرة عن المؤسسة",
            ),
            t(
                "加盖公章，写明被邀请人姓名、国籍、出生日期、护照号码，来华事由、日期、访问地"
                "点及费用承担方。",
                "With the company seal: the invitee's name, nationality, date of birth and "
                "passport number, the purpose of the visit, the dates, the places to visit "
                "and who bears the costs.",
                "社印を押し、被招へい者の氏名、国籍、生年月日、旅券番号、訪問目的、日程、訪問"
                "先、費用負担者を記載したもの。",
                "С печатью компании: имя, гражданство, дата рождения и номер паспорта "
                "приглашённого, цель визита, даты, места посещения и сторона, несущая расходы.",
                "Revêtue du sceau de l'entreprise : nom, nationalité, date de naissance et "
                "numéro de passeport de l'invité, objet de la visite, dates, lieux visités et "
                "prise en charge des frais.",
                "Con el sello de la empresa: nombre, nacionalidad, fecha de nacimiento y "
                "número de pasaporte del invitado, motivo de la visita, fechas, lugares que "
                "visitará y quién asume los gastos.",
                "مختومة بختم المؤسسة، وتتضمن اسم المدعو وجنسيته وتاريخ ميلاده ورقم جواز سفره، "
                "والغرض من الزيارة وتواريخها والأماكن التي سيزورها والجهة التي تتحمل التكاليف.",
            ),
            True,
            PDF,
        ),
        (
            t(
                "访问日程安排",
                "Itinerary of the visit",
                "訪問日程表",
                "Программа визита",
                "Programme de la visite",
                "Itinerario de la visita",
                "برنامج الزيارة",
            ),
            t(
                "逐日列明在华会见、地点和接待单位。",
                "Day by day: meetings, places and hosts in China.",
                "中国での面会、場所、受け入れ先を日ごとに記載したもの。",
                "По дням: встречи, места и принимающие организации в Китае.",
                "Jour par jour : rendez-vous, lieux et hôtes en Chine.",
                "Día a día: reuniones, lugares y anfitriones en China.",
                "يومًا بيوم: الاجتماعات والأماكن والجهات المضيفة في الصين.",
            ),
            True,
            PDF,
        ),
        BUSINESS_LICENCE,
        (
            t(
                "双方业务往来证明",
                "Proof of the business relationship",
                "取引関係の証明",
                "Подтверждение деловых отношений",
                "Justificatif de la relation d'affaires",
                "Justificante de la relación comercial",
                "ما يثبت العلاقة التجارية",
            ),
            t(
                "如与被邀请人所在公司的合同或往来函件，有助于加快审核。",
                "For example a contract or earlier correspondence with the invitee's company; "
                "it speeds up the check.",
                "被招へい者の会社との契約書や過去のやり取りなど。確認が早くなります。",
                "Например, договор или переписка с компанией приглашённого; ускоряет проверку.",
                "Par exemple un contrat ou des échanges antérieurs avec la société de "
                "l'invité ; cela accélère la vérification.",
                "Por ejemplo, un contrato o correspondencia previa con la empresa del "
                "invitado; agiliza la revisión.",
                "مثل عقد أو مراسلات سابقة مع شركة المدعو؛ يسرّع ذلك المراجعة.",
            ),
            False,
            PDF,
        ),
    ],
    "steps": [
        (
            t(
                "拟写邀请函",
                "Draft the invitation",
                "招へい状の作成",
                "Подготовка приглашения",
                "Rédiger l'invitation",
                "Redactar la invitación",
                "صياغة الدعوة",
            ),
            t(
                "按材料清单要求写明邀请函各项内容。",
                "Write the invitation letter with the details listed under the documents.",
                "必要書類の欄に記載された事項を盛り込んで招へい状を作成します。",
                "Составьте приглашение со сведениями, перечисленными в списке документов.",
                "Rédigez la lettre d'invitation avec les informations indiquées dans la liste "
                "des pièces.",
                "Redacte la carta de invitación con los datos indicados en la lista de documentos.",
                "اكتب رسالة الدعوة متضمنةً البيانات المذكورة في قائمة الوثائق.",
            ),
        ),
        SUBMIT_ONLINE,
        (
            t(
                "审核",
                "Review",
                "審査",
                "Проверка",
                "Examen",
                "Revisión",
                "المراجعة",
            ),
            t(
                "区外办审核邀请内容，必要时要求补充材料。",
                "The office checks the invitation and may ask for more information.",
                "外事弁公室が招へい内容を確認し、必要に応じて追加資料を求めます。",
                "Канцелярия проверяет приглашение и при необходимости запрашивает "
                "дополнительные сведения.",
                "Le bureau vérifie l'invitation et peut demander des compléments.",
                "La oficina revisa la invitación y puede pedir más información.",
                "يراجع المكتب الدعوة وقد يطلب معلومات إضافية.",
            ),
        ),
        (
            t(
                "出具邀请函",
                "Letter issued",
                "招へい状の発行",
                "Выдача приглашения",
                "Délivrance de la lettre",
                "Emisión de la carta",
                "إصدار الرسالة",
            ),
            t(
                "企业领取邀请函并转交被邀请人。",
                "You receive the invitation letter and send it to the invitee.",
                "発行された招へい状を受け取り、被招へい者に送ります。",
                "Вы получаете приглашение и пересылаете его приглашённому.",
                "Vous recevez la lettre d'invitation et la transmettez à l'invité.",
                "Usted recibe la carta de invitación y la envía al invitado.",
                "تتسلم المؤسسة رسالة الدعوة وترسلها إلى المدعو.",
            ),
        ),
        (
            t(
                "申请签证",
                "Visa application",
                "ビザ申請",
                "Подача на визу",
                "Demande de visa",
                "Solicitud del visado",
                "طلب التأشيرة",
            ),
            t(
                "被邀请人向中国驻外使领馆或签证申请服务中心申请签证。",
                "The invitee applies for the visa at a Chinese embassy or consulate or a visa "
                "application service centre.",
                "被招へい者が在外中国大使館・総領事館またはビザ申請サービスセンターでビザを申"
                "請します。",
                "Приглашённый подаёт документы на визу в посольство или консульство Китая "
                "либо в визовый центр.",
                "L'invité demande son visa auprès d'une ambassade ou d'un consulat de Chine "
                "ou d'un centre de services pour les demandes de visa.",
                "El invitado solicita el visado en una embajada o consulado de China o en un "
                "centro de solicitud de visados.",
                "يقدم المدعو طلب التأشيرة لدى سفارة الصين أو قنصليتها أو مركز خدمات طلبات "
                "التأشيرة.",
            ),
        ),
    ],
}

CONSULAR_PROTECTION = {
    "title": t(
        "领事保护与协助",
        "Consular protection and assistance",
        "領事保護と支援",
        "Консульская защита и содействие",
        "Protection et assistance consulaires",
        "Protección y asistencia consular",
        "الحماية والمساعدة القنصلية",
    ),
    "description": t(
        "面向有人员或项目在海外的企业：出行前开展安全提示，紧急情况下协助联系相关驻外使领馆。"
        "在海外遇到紧急情况，请拨打外交部全球领事保护与服务应急呼叫中心热线：+86-10-12308 或 "
        "+86-10-65612308（24小时）。",
        "For enterprises with staff or projects abroad: safety briefings before departure and "
        "help to reach the right embassy or consulate in an emergency. In an emergency "
        "abroad, call the Global Emergency Call Centre for Consular Protection and Services "
        "of the Ministry of Foreign Affairs: +86 10 12308 or +86 10 65612308, day and night.",
        "社員やプロジェクトが海外にある企業向け：出発前の安全説明と、緊急時に該当する在外公館"
        "への連絡を支援します。海外で緊急事態が起きたときは、外交部グローバル領事保護・サービ"
        "ス緊急コールセンター（+86-10-12308 または +86-10-65612308、24時間）に電話してください"
        "。",
        "Для предприятий, чьи сотрудники или проекты находятся за рубежом: инструктаж по "
        "безопасности перед отъездом и помощь в связи с нужным посольством или консульством в "
        "чрезвычайной ситуации. В экстренном случае за рубежом звоните в Глобальный центр "
        "экстренной консульской защиты и услуг МИД КНР: +86 10 12308 или +86 10 65612308, "
        "круглосуточно.",
        "Pour les entreprises ayant du personnel ou des projets à l'étranger : consignes de "
        "sécurité avant le départ et aide pour joindre l'ambassade ou le consulat compétent "
        "en cas d'urgence. En cas d'urgence à l'étranger, appelez le centre d'appel d'urgence "
        "mondial pour la protection et les services consulaires du ministère des Affaires "
        "étrangères : +86 10 12308 ou +86 10 65612308, jour et nuit.",
        "Para empresas con personal o proyectos en el extranjero: recomendaciones de "
        "seguridad antes de salir y ayuda para contactar con la embajada o el consulado "
        "correspondiente en una emergencia. En caso de emergencia en el extranjero, llame al "
        "Centro Global de Llamadas de Emergencia para la Protección y los Servicios "
        "Consulares del Ministerio de Asuntos Exteriores: +86 10 12308 o +86 10 65612308, las "
        "24 horas.",
        "للمؤسسات التي لديها موظفون أو مشروعات في الخارج: إرشادات السلامة قبل السفر، "
        "والمساعدة في الوصول إلى السفارة أو القنصلية المعنية في حالات الطوارئ. في حالة "
        "الطوارئ في الخارج، اتصل بمركز الاتصال العالمي للطوارئ للحماية والخدمات القنصلية "
        "التابع لوزارة الخارجية: \u200e+86 10 12308 أو \u200e+86 10 65612308 على مدار الساعة.",
    ),
    "processing_days": None,
    "needs_travel_details": False,
    # Help in an emergency never waits for paperwork.
    "documents": [],
    "steps": [
        (
            t(
                "出行前登记",
                "Register the trip",
                "出発前の登録",
                "Регистрация поездки",
                "Enregistrer le voyage",
                "Registrar el viaje",
                "تسجيل الرحلة",
            ),
            t(
                "出发前通过外交部“中国领事”APP或小程序进行出国及海外中国公民登记，便于驻外使领"
                "馆联系。",
                "Before departure, register the travellers in the Ministry of Foreign "
                "Affairs' “中国领事” (China Consular) app or mini-program, so that embassies "
                "can reach them.",
                "出発前に外交部の「中国领事」（中国領事）アプリまたはミニプログラムで渡航者を"
                "登録し、在外公館が連絡を取れるようにします。",
                "До отъезда зарегистрируйте сотрудников в приложении или мини-программе МИД "
                "КНР «中国领事» («Китайская консульская служба»), чтобы посольства могли с "
                "ними связаться.",
                "Avant le départ, enregistrez les voyageurs dans l'application ou le "
                "mini-programme « 中国领事 » (Consulaire Chine) du ministère des Affaires "
                "étrangères, pour que les ambassades puissent les joindre.",
                "Antes de salir, registre a los viajeros en la aplicación o el miniprograma «"
                "中国领事» (Consular China) del Ministerio de Asuntos Exteriores para que las "
                "embajadas puedan contactarlos.",
                "قبل السفر، سجّل المسافرين في تطبيق «中国领事» (الشؤون القنصلية الصينية) "
                "التابع لوزارة الخارجية أو برنامجه المصغّر، لتتمكن السفارات من التواصل معهم.",
            ),
        ),
        (
            t(
                "安全提示",
                "Safety briefing",
                "安全説明",
                "Инструктаж по безопасности",
                "Consignes de sécurité",
                "Recomendaciones de seguridad",
                "إرشادات السلامة",
            ),
            t(
                "可向区外办预约目的地安全形势和当地法规提示。",
                "Ask the office for a briefing on the security situation and the local rules "
                "of the destination.",
                "渡航先の治安情勢や現地の法令について、外事弁公室に説明を依頼できます。",
                "Попросите канцелярию рассказать об обстановке в области безопасности и "
                "местных правилах в стране назначения.",
                "Demandez au bureau un point sur la situation sécuritaire et les règles "
                "locales de la destination.",
                "Pida a la oficina información sobre la situación de seguridad y las normas "
                "locales del destino.",
                "اطلب من المكتب إحاطة بالوضع الأمني والقواعد المحلية في بلد الوجهة.",
            ),
        ),
        (
            t(
                "紧急情况求助",
                "In an emergency",
                "緊急時の連絡",
                "Экстренная помощь",
                "En cas d'urgence",
                "En caso de emergencia",
                "في حالة الطوارئ",
            ),
            t(
                "第一时间联系当地中国驻外使领馆或拨打12308热线，并告知区外办。",
                "Call the Chinese embassy or consulate on the spot or the 12308 hotline "
                "first, then tell the office.",
                "まず現地の中国大使館・総領事館または12308ホットラインに連絡し、その後外事弁公"
                "室にも知らせてください。",
                "Сначала позвоните в местное посольство или консульство Китая или на горячую "
                "линию 12308, затем сообщите в канцелярию.",
                "Appelez d'abord l'ambassade ou le consulat de Chine sur place ou la ligne "
                "12308, puis prévenez le bureau.",
                "Llame primero a la embajada o el consulado de China en el lugar o a la línea "
                "12308 y después avise a la oficina.",
                "اتصل أولًا بسفارة الصين أو قنصليتها في البلد أو بالخط الساخن 12308، ثم أبلغ "
                "المكتب.",
            ),
        ),
        (
            t(
                "后续协调",
                "Follow-up",
                "その後の調整",
                "Дальнейшая координация",
                "Suivi",
                "Seguimiento",
                "المتابعة",
            ),
            t(
                "区外办与北京市人民政府外事办公室沟通协调，并及时向企业通报进展。",
                "The office coordinates with the Beijing Municipal Foreign Affairs Office and "
                "keeps the enterprise informed.",
                "外事弁公室が北京市人民政府外事弁公室と調整し、企業に経過を知らせます。",
                "Канцелярия взаимодействует с Канцелярией по иностранным делам народного "
                "правительства Пекина и держит предприятие в курсе.",
                "Le bureau se coordonne avec le Bureau des affaires étrangères de la "
                "municipalité de Pékin et tient l'entreprise informée.",
                "La oficina se coordina con la Oficina de Asuntos Exteriores del Gobierno "
                "Municipal de Pekín y mantiene informada a la empresa.",
                "ينسق المكتب مع مكتب الشؤون الخارجية لحكومة بلدية بكين ويُطلع المؤسسة على "
                "المستجدات.",
            ),
        ),
    ],
}

GOING_ABROAD = {
    "slug": "going-abroad",
    "processing_days": 20,
    "title": t(
        "助力企业“走出去”外事服务包",
        "Foreign Affairs Service Package Helping Enterprises Go Abroad",
        "企業の海外進出を支援する外事サービスパッケージ",
        "Пакет услуг в сфере иностранных дел для выхода предприятий за рубеж",
        "Bouquet de services des affaires étrangères pour aider les entreprises à "
        "s'internationaliser",
        "Paquete de servicios de asuntos exteriores para ayudar a las empresas a salir al exterior",
        "حزمة خدمات الشؤون الخارجية لمساعدة المؤسسات على التوجه إلى الخارج",
    ),
    "summary": t(
        "将APEC商务旅行卡申办、来华邀请函办理和领事保护集于一个服务包，并提供政策信息和办事流"
        "程说明。",
        "The APEC Business Travel Card, invitation letters for Chinese visas and consular "
        "protection in one package, with policy information and the workflow explained.",
        "APECビジネス・トラベル・カードの申請、中国ビザ用の招へい状、領事保護を一つにまとめ、"
        "関連政策と手続きの流れもご案内します。",
        "Карта делового путешественника АТЭС, приглашения для получения китайской визы и "
        "консульская защита в одном пакете — с разъяснением политики и порядка действий.",
        "La carte de voyage d'affaires APEC, les lettres d'invitation pour les visas chinois "
        "et la protection consulaire réunies en un seul bouquet, avec l'information "
        "réglementaire et les démarches expliquées.",
        "La tarjeta de viaje de negocios APEC, las cartas de invitación para visados chinos y "
        "la protección consular en un solo paquete, con información sobre las políticas y los "
        "trámites explicados.",
        "بطاقة سفر رجال الأعمال لمنتدى APEC، ورسائل الدعوة لتأشيرات الصين، والحماية القنصلية "
        "في حزمة واحدة، مع شرح للسياسات وخطوات الإجراءات.",
    ),
    "audience": t(
        "在西城区注册、有人员因公出国（境）开展商务活动或需邀请外国合作伙伴来华的企业。",
        "Enterprises registered in Xicheng District whose staff travel abroad on business, or "
        "who invite foreign partners to China.",
        "西城区に登録され、社員が商用で海外に渡航する企業、または外国の取引先を中国に招へいす"
        "る企業。",
        "Предприятия, зарегистрированные в районе Сичэн, сотрудники которых ездят в деловые "
        "поездки за рубеж или которые приглашают иностранных партнёров в Китай.",
        "Les entreprises enregistrées dans le district de Xicheng dont le personnel voyage à "
        "l'étranger pour affaires, ou qui invitent des partenaires étrangers en Chine.",
        "Empresas registradas en el distrito de Xicheng cuyo personal viaja al extranjero por "
        "negocios o que invitan a socios extranjeros a China.",
        "المؤسسات المسجلة في منطقة شيتشنغ التي يسافر موظفوها إلى الخارج في مهام عمل، أو التي "
        "تدعو شركاء أجانب إلى الصين.",
    ),
    "description": t(
        "西城区开展“助力企业‘走出去’外事服务包”系列活动，完善企业出入境服务管理体系，把政策信"
        "息和办事流程送上门。\n\n您可以在一次申请中选择下列一项或多项服务。西城区外办审核材料"
        "、告知需补充的内容，并跟进办理直至完成。",
        "The district launched the series of activities “Foreign Affairs Service Package "
        "Helping Enterprises Go Abroad” to improve entry and exit services for enterprises "
        "and to bring policy information and workflow introductions to their doorstep.\n\n"
        "Choose one or more of the services below in a single request. The Foreign Affairs "
        "Office of Xicheng District checks the documents, explains what is missing and "
        "follows the request until it is completed.",
        "西城区は「企業の海外進出を支援する外事サービスパッケージ」シリーズ活動を展開し、企業"
        "の出入国サービスを改善するとともに、政策情報と手続きの流れを企業の身近に届けています"
        "。\n\n下記のサービスから一つまたは複数を選び、一度に申請できます。西城区外事弁公室が"
        "書類を確認し、不足があればお知らせし、完了まで対応します。",
        "Район запустил серию мероприятий «Пакет услуг в сфере иностранных дел для выхода "
        "предприятий за рубеж», чтобы улучшить обслуживание предприятий по вопросам въезда и "
        "выезда и доносить до них информацию о политике и порядке оформления.\n\nВ одной "
        "заявке можно выбрать одну или несколько услуг из перечисленных ниже. Канцелярия по "
        "иностранным делам района Сичэн проверяет документы, сообщает, чего не хватает, и "
        "сопровождает заявку до её завершения.",
        "Le district a lancé la série d'actions « Bouquet de services des affaires étrangères "
        "pour aider les entreprises à s'internationaliser » afin d'améliorer les services "
        "d'entrée et de sortie du territoire offerts aux entreprises et de leur apporter "
        "directement l'information réglementaire et la présentation des démarches.\n\n"
        "Choisissez un ou plusieurs des services ci-dessous dans une seule demande. Le Bureau "
        "des affaires étrangères du district de Xicheng vérifie les pièces, indique ce qui "
        "manque et suit la demande jusqu'à son aboutissement.",
        "El distrito puso en marcha la serie de actividades «Paquete de servicios de asuntos "
        "exteriores para ayudar a las empresas a salir al exterior» para mejorar los "
        "servicios de entrada y salida para las empresas y llevarles la información sobre "
        "políticas y la explicación de los trámites.\n\nElija uno o varios de los servicios "
        "siguientes en una sola solicitud. La Oficina de Asuntos Exteriores del distrito de "
        "Xicheng revisa los documentos, le indica lo que falta y hace el seguimiento hasta "
        "completar la solicitud.",
        "أطلقت المنطقة سلسلة أنشطة «حزمة خدمات الشؤون الخارجية لمساعدة المؤسسات على التوجه "
        "إلى الخارج» لتحسين خدمات الدخول والخروج المقدمة للمؤسسات، وإيصال المعلومات عن "
        "السياسات وشرح الإجراءات إليها مباشرة.\n\nيمكنكم اختيار خدمة واحدة أو أكثر من الخدمات "
        "أدناه في طلب واحد. يتولى مكتب الشؤون الخارجية في منطقة شيتشنغ مراجعة الوثائق، "
        "والإبلاغ بما ينقص منها، ومتابعة الطلب حتى إنجازه.",
    ),
    "fees": t(
        "区级服务不收取费用（示例）。翻译、公证、认证费用以及其他部门收取的费用由企业承担。",
        "The district's services are free of charge (sample). Translation, notarisation and "
        "authentication, and fees charged by other authorities, are paid by the enterprise.",
        "区のサービスは無料です（サンプル）。翻訳、公証、認証の費用および他機関が徴収する手数"
        "料は企業の負担となります。",
        "Услуги района бесплатны (пример). Расходы на перевод, нотариальное заверение и "
        "легализацию, а также сборы других ведомств оплачивает предприятие.",
        "Les services du district sont gratuits (exemple). Les frais de traduction, de "
        "certification notariale et de légalisation ainsi que les droits perçus par d'autres "
        "administrations sont à la charge de l'entreprise.",
        "Los servicios del distrito son gratuitos (ejemplo). Los gastos de traducción, "
        "notarización y legalización, así como las tasas de otras autoridades, corren a cargo "
        "de la empresa.",
        "خدمات المنطقة مجانية (مثال). تتحمل المؤسسة تكاليف الترجمة والتوثيق والتصديق، والرسوم "
        "التي تفرضها الجهات الأخرى.",
    ),
    "legal_basis": t(
        "- 《中华人民共和国出境入境管理法》：[国家移民管理局](https://www.nia.gov.cn/)\n- 《中"
        "华人民共和国领事保护与协助条例》：[中国领事服务网](https://cs.mfa.gov.cn/)\n- APEC商"
        "务旅行卡：[亚太经济合作组织](https://www.apec.org/)\n- [北京市人民政府外事办公室"
        "](https://wb.beijing.gov.cn/)",
        "- Exit and Entry Administration Law of the People's Republic of China: [National "
        "Immigration Administration](https://www.nia.gov.cn/)\n- Regulations of the People's "
        "Republic of China on Consular Protection and Assistance: [China Consular "
        "Service](https://cs.mfa.gov.cn/)\n- APEC Business Travel Card: [Asia-Pacific "
        "Economic Cooperation](https://www.apec.org/)\n- [Beijing Municipal Foreign Affairs "
        "Office](https://wb.beijing.gov.cn/)",
        "- 中華人民共和国出境入境管理法：[国家移民管理局](https://www.nia.gov.cn/)\n- 中華人民"
        "共和国領事保護・支援条例：[中国領事サービスネット](https://cs.mfa.gov.cn/)\n- APECビ"
        "ジネス・トラベル・カード：[アジア太平洋経済協力](https://www.apec.org/)\n- [北京市人"
        "民政府外事弁公室](https://wb.beijing.gov.cn/)",
        "- Закон КНР об управлении выездом и въездом: [Национальное управление по делам "
        "иммиграции](https://www.nia.gov.cn/)\n- Положение КНР о консульской защите и "
        "содействии: [Консульская служба Китая](https://cs.mfa.gov.cn/)\n- Карта делового "
        "путешественника АТЭС: [Азиатско-Тихоокеанское экономическое "
        "сотрудничество](https://www.apec.org/)\n- [Канцелярия по иностранным делам народного "
        "правительства Пекина](https://wb.beijing.gov.cn/)",
        "- Loi de la République populaire de Chine sur l'administration des entrées et "
        "sorties : [Administration nationale de l'immigration](https://www.nia.gov.cn/)\n- "
        "Règlement de la République populaire de Chine sur la protection et l'assistance "
        "consulaires : [Service consulaire chinois](https://cs.mfa.gov.cn/)\n- Carte de "
        "voyage d'affaires APEC : [Coopération économique "
        "Asie-Pacifique](https://www.apec.org/)\n- [Bureau des affaires étrangères de la "
        "municipalité de Pékin](https://wb.beijing.gov.cn/)",
        "- Ley de la República Popular China sobre la Administración de Entradas y Salidas: "
        "[Administración Nacional de Inmigración](https://www.nia.gov.cn/)\n- Reglamento de "
        "la República Popular China sobre Protección y Asistencia Consular: [Servicio "
        "Consular de China](https://cs.mfa.gov.cn/)\n- Tarjeta de viaje de negocios APEC: "
        "[Foro de Cooperación Económica Asia-Pacífico](https://www.apec.org/)\n- [Oficina de "
        "Asuntos Exteriores del Gobierno Municipal de Pekín](https://wb.beijing.gov.cn/)",
        "- قانون جمهورية الصين الشعبية لإدارة الخروج والدخول: [الإدارة الوطنية "
        "للهجرة](https://www.nia.gov.cn/)\n- لائحة جمهورية الصين الشعبية بشأن الحماية "
        "والمساعدة القنصلية: [الخدمة القنصلية الصينية](https://cs.mfa.gov.cn/)\n- بطاقة سفر "
        "رجال الأعمال لمنتدى APEC: [منتدى التعاون الاقتصادي لآسيا والمحيط "
        "الهادئ](https://www.apec.org/)\n- [مكتب الشؤون الخارجية لحكومة بلدية "
        "بكين](https://wb.beijing.gov.cn/)",
    ),
    "contact_office": contact("going-abroad@xicheng.example.org"),
    "items": [APEC_CARD, INVITATION_LETTER, CONSULAR_PROTECTION],
}

# --- Work and residence permits at a single window ---------------------------------------

WORK_PERMIT = {
    "title": t(
        "外国人来华工作许可",
        "Foreigner's Work Permit",
        "外国人来華就労許可",
        "Разрешение на работу для иностранца в Китае",
        "Permis de travail pour étrangers en Chine",
        "Permiso de trabajo para extranjeros en China",
        "تصريح عمل الأجنبي في الصين",
    ),
    "description": t(
        "由用人单位通过外国人来华工作管理服务系统申请；许可以工作许可证形式发放，证件号码终身"
        "不变。",
        "Applied for by the employer through the Foreigner's Work Permit Service System; the "
        "permit is issued as a card whose number the professional keeps for life.",
        "雇用主が外国人来華就労管理サービスシステムを通じて申請します。許可は就労許可証として"
        "交付され、番号は生涯変わりません。",
        "Оформляется работодателем через систему обслуживания разрешений на работу для "
        "иностранцев; выдаётся карта с номером, который сохраняется за специалистом "
        "пожизненно.",
        "Demandé par l'employeur via le système de services des permis de travail pour "
        "étrangers ; il est délivré sous forme de carte dont le numéro reste attaché au "
        "professionnel à vie.",
        "Lo solicita el empleador a través del sistema de servicios de permisos de trabajo "
        "para extranjeros; se expide como una tarjeta cuyo número conserva el profesional de "
        "por vida.",
        "يتقدم به صاحب العمل عبر نظام خدمات تصاريح عمل الأجانب، ويصدر على شكل بطاقة يحتفظ "
        "المهني برقمها مدى الحياة.",
    ),
    "processing_days": 5,
    "needs_travel_details": False,
    "documents": [
        (
            t(
                "护照",
                "Passport",
                "旅券",
                "Паспорт",
                "Passeport",
                "Pasaporte",
                "جواز السفر",
            ),
            t(
                "外籍人员有效护照个人资料页。",
                "Data page of the professional's valid passport.",
                "本人の有効な旅券の身分事項ページ。",
                "Страница с личными данными действующего паспорта специалиста.",
                "Page d'identité du passeport en cours de validité du professionnel.",
                "Página de datos del pasaporte vigente del profesional.",
                "صفحة البيانات في جواز السفر الساري للمهني.",
            ),
            True,
            ANY,
        ),
        (
            t(
                "最高学位（学历）证书",
                "Highest degree certificate",
                "最終学位（学歴）証明書",
                "Документ о наивысшей степени (образовании)",
                "Diplôme le plus élevé",
                "Título académico de mayor nivel",
                "شهادة أعلى مؤهل علمي",
            ),
            t(
                "经中国驻外使领馆认证，或按规定办理附加证明书（apostille）。",
                "Authenticated by a Chinese embassy or consulate, or with an apostille where "
                "it applies.",
                "在外中国公館の認証、または該当する場合はアポスティーユを付したもの。",
                "Легализованный консульством Китая или с апостилем, где он применяется.",
                "Légalisé par une ambassade ou un consulat de Chine, ou revêtu d'une "
                "apostille le cas échéant.",
                "Legalizado por una embajada o consulado de China, o con apostilla cuando proceda.",
                "مصدّقة من سفارة الصين أو قنصليتها، أو مختومة بالأبوستيل حيث ينطبق ذلك.",
            ),
            True,
            PDF,
        ),
        (
            t(
                "无犯罪记录证明",
                "Criminal record certificate",
                "無犯罪証明書",
                "Справка об отсутствии судимости",
                "Extrait de casier judiciaire",
                "Certificado de antecedentes penales",
                "شهادة خلو من السوابق الجنائية",
            ),
            t(
                "由国籍国或经常居住地出具，六个月内有效，并经认证或附加证明书。",
                "Issued by the country of nationality or of residence within the last six "
                "months, authenticated or apostilled.",
                "国籍国または居住国が6か月以内に発行し、認証またはアポスティーユを付したもの。",
                "Выдана страной гражданства или проживания не ранее шести месяцев назад, "
                "легализована или с апостилем.",
                "Délivré par le pays de nationalité ou de résidence il y a moins de six mois, "
                "légalisé ou apostillé.",
                "Expedido por el país de nacionalidad o de residencia en los últimos seis "
                "meses, legalizado o apostillado.",
                "صادرة عن بلد الجنسية أو الإقامة خلال الأشهر الستة الأخيرة، ومصدّقة أو مختومة "
                "بالأبوستيل.",
            ),
            True,
            PDF,
        ),
        (
            t(
                "工作资历证明",
                "Proof of work experience",
                "職歴証明書",
                "Подтверждение опыта работы",
                "Attestation d'expérience professionnelle",
                "Certificado de experiencia laboral",
                "ما يثبت الخبرة المهنية",
            ),
            t(
                "原工作单位出具的相关工作年限证明。",
                "Letters from former employers showing the relevant years of experience.",
                "前職の雇用主が発行した、関連する職務経験年数を示す書面。",
                "Письма прежних работодателей с указанием стажа по специальности.",
                "Attestations des anciens employeurs indiquant les années d'expérience "
                "pertinentes.",
                "Cartas de empleadores anteriores que acrediten los años de experiencia "
                "pertinente.",
                "خطابات من أصحاب العمل السابقين تبيّن سنوات الخبرة ذات الصلة.",
            ),
            True,
            PDF,
        ),
        (
            t(
                "劳动合同或聘用意向书",
                "Employment contract or letter of appointment",
                "雇用契約書または採用内定書",
                "Трудовой договор или письмо о назначении",
                "Contrat de travail ou lettre d'engagement",
                "Contrato de trabajo o carta de nombramiento",
                "عقد العمل أو خطاب التعيين",
            ),
            t(
                "由用人单位与外籍人员签署，载明岗位、期限和薪酬。",
                "Signed by the employer and the professional, with the position, term and salary.",
                "雇用主と本人が署名し、職位、期間、報酬を記載したもの。",
                "Подписан работодателем и специалистом, с указанием должности, срока и зарплаты.",
                "Signé par l'employeur et le professionnel, précisant le poste, la durée et "
                "la rémunération.",
                "Firmado por el empleador y el profesional, con el puesto, la duración y el "
                "salario.",
                "موقّع من صاحب العمل والمهني، ويحدد المنصب والمدة والراتب.",
            ),
            True,
            PDF,
        ),
        (
            t(
                "体检证明",
                "Medical examination certificate",
                "健康診断証明書",
                "Медицинское заключение",
                "Certificat d'examen médical",
                "Certificado de examen médico",
                "شهادة الفحص الطبي",
            ),
            t(
                "由指定的卫生检疫机构出具，也可入境后补交。",
                "From a designated health and quarantine institution; it can also be handed "
                "in after arrival.",
                "指定の衛生検疫機関が発行したもの。入国後に提出することもできます。",
                "Выдаётся уполномоченным учреждением санитарно-карантинного контроля; можно "
                "представить после въезда.",
                "Délivré par un établissement de contrôle sanitaire agréé ; il peut aussi "
                "être remis après l'arrivée.",
                "Expedido por un centro de control sanitario designado; también puede "
                "entregarse tras la llegada.",
                "صادرة عن مؤسسة صحة وحجر صحي معتمدة، ويمكن تقديمها أيضًا بعد الوصول.",
            ),
            False,
            PDF,
        ),
        PHOTO,
    ],
    "steps": [
        (
            t(
                "单位注册",
                "Employer account",
                "雇用主の登録",
                "Регистрация работодателя",
                "Compte de l'employeur",
                "Cuenta del empleador",
                "حساب صاحب العمل",
            ),
            t(
                "用人单位在外国人来华工作管理服务系统注册账号。",
                "The employer registers in the Foreigner's Work Permit Service System.",
                "雇用主が外国人来華就労管理サービスシステムにアカウントを登録します。",
                "Работодатель регистрируется в системе обслуживания разрешений на работу для "
                "иностранцев.",
                "L'employeur s'inscrit dans le système de services des permis de travail pour "
                "étrangers.",
                "El empleador se registra en el sistema de servicios de permisos de trabajo "
                "para extranjeros.",
                "يسجّل صاحب العمل في نظام خدمات تصاريح عمل الأجانب.",
            ),
        ),
        (
            t(
                "网上申报",
                "Online application",
                "オンライン申請",
                "Онлайн-заявка",
                "Demande en ligne",
                "Solicitud en línea",
                "الطلب الإلكتروني",
            ),
            t(
                "在线填写申请并上传材料；也可先通过本网站提交，由窗口预先审核。",
                "Fill in the application and upload the documents; send the request here "
                "first to have the single window check them.",
                "申請書を入力して書類をアップロードします。先にこのポータルから申請すると、窓"
                "口が事前に確認します。",
                "Заполните заявление и загрузите документы; сначала отправьте заявку здесь, "
                "чтобы единое окно их проверило.",
                "Remplissez la demande et téléversez les pièces ; envoyez d'abord la demande "
                "ici pour que le guichet unique les vérifie.",
                "Rellene la solicitud y suba los documentos; envíe antes la solicitud aquí "
                "para que la ventanilla única los revise.",
                "املأ الطلب وارفع الوثائق؛ وأرسل الطلب من هنا أولًا لتراجعها النافذة الواحدة.",
            ),
        ),
        (
            t(
                "窗口核验",
                "Check at the window",
                "窓口での確認",
                "Проверка в окне",
                "Vérification au guichet",
                "Verificación en ventanilla",
                "التحقق في النافذة",
            ),
            t(
                "在“一窗通办”窗口核验材料原件。",
                "The originals are checked at the single window.",
                "ワンストップ窓口で書類の原本を確認します。",
                "Оригиналы проверяются в едином окне.",
                "Les originaux sont vérifiés au guichet unique.",
                "Los originales se verifican en la ventanilla única.",
                "يُتحقق من أصول الوثائق في النافذة الواحدة.",
            ),
        ),
        (
            t(
                "发放许可证",
                "Permit issued",
                "許可証の交付",
                "Выдача разрешения",
                "Délivrance du permis",
                "Emisión del permiso",
                "إصدار التصريح",
            ),
            t(
                "发放外国人工作许可证，随后在同一窗口办理居留许可。",
                "The work permit card is issued; continue with the residence permit at the "
                "same window.",
                "就労許可証が交付され、同じ窓口で居留許可の手続きに進みます。",
                "Выдаётся карта разрешения на работу; далее вид на жительство оформляется в "
                "том же окне.",
                "La carte de permis de travail est délivrée ; poursuivez avec le titre de "
                "séjour au même guichet.",
                "Se expide la tarjeta del permiso de trabajo; continúe con el permiso de "
                "residencia en la misma ventanilla.",
                "تصدر بطاقة تصريح العمل، ثم يُستكمل تصريح الإقامة في النافذة نفسها.",
            ),
        ),
    ],
}

RESIDENCE_PERMIT = {
    "title": t(
        "工作类居留许可",
        "Residence permit for work",
        "就労目的の居留許可",
        "Вид на жительство для работы",
        "Titre de séjour pour travail",
        "Permiso de residencia por trabajo",
        "تصريح الإقامة لغرض العمل",
    ),
    "description": t(
        "持工作（Z字）签证入境者应在入境后30日内申请。在“一窗通办”窗口，可在取得工作许可后直接"
        "申请，已提交的材料无需重复提供。",
        "Needed within 30 days of entry on a work (Z) visa. At the single window it is "
        "applied for right after the work permit, without handing in again the documents "
        "already given.",
        "就労（Z）ビザで入国した人は、入国後30日以内に申請する必要があります。ワンストップ窓口"
        "では就労許可の取得後すぐに申請でき、提出済みの書類を再提出する必要はありません。",
        "Оформляется в течение 30 дней после въезда по рабочей визе (Z). В едином окне "
        "заявление подаётся сразу после получения разрешения на работу; уже сданные документы "
        "повторно не требуются.",
        "À demander dans les 30 jours suivant l'entrée avec un visa de travail (Z). Au "
        "guichet unique, il se demande juste après le permis de travail, sans fournir à "
        "nouveau les pièces déjà remises.",
        "Debe solicitarse en los 30 días siguientes a la entrada con un visado de trabajo "
        "(Z). En la ventanilla única se solicita justo después del permiso de trabajo, sin "
        "volver a presentar los documentos ya entregados.",
        "يجب طلبه خلال 30 يومًا من الدخول بتأشيرة عمل (Z). في النافذة الواحدة يُقدَّم الطلب "
        "مباشرة بعد تصريح العمل، دون إعادة تقديم الوثائق المقدمة سابقًا.",
    ),
    "processing_days": 7,
    "needs_travel_details": False,
    "documents": [
        (
            t(
                "护照及签证页",
                "Passport with the visa page",
                "旅券（査証ページを含む）",
                "Паспорт со страницей визы",
                "Passeport avec la page du visa",
                "Pasaporte con la página del visado",
                "جواز السفر مع صفحة التأشيرة",
            ),
            t(
                "个人资料页、Z字签证页及最近一次入境章页。",
                "The data page, the Z visa and the latest entry stamp.",
                "身分事項ページ、Zビザ、最新の入国スタンプのページ。",
                "Страница с данными, виза Z и последний штамп о въезде.",
                "La page d'identité, le visa Z et le dernier tampon d'entrée.",
                "La página de datos, el visado Z y el último sello de entrada.",
                "صفحة البيانات وتأشيرة Z وآخر ختم دخول.",
            ),
            True,
            ANY,
        ),
        (
            t(
                "外国人工作许可证",
                "Foreigner's Work Permit card",
                "外国人就労許可証",
                "Карта разрешения на работу",
                "Carte de permis de travail",
                "Tarjeta del permiso de trabajo",
                "بطاقة تصريح عمل الأجنبي",
            ),
            t(
                "即前一项服务中取得的许可证。",
                "The card issued by the previous service.",
                "前のサービスで交付されたもの。",
                "Карта, полученная в рамках предыдущей услуги.",
                "La carte obtenue au service précédent.",
                "La tarjeta obtenida en el servicio anterior.",
                "البطاقة الصادرة في الخدمة السابقة.",
            ),
            True,
            ANY,
        ),
        (
            t(
                "境外人员临时住宿登记表",
                "Registration form of temporary residence",
                "外国人臨時宿泊登記表",
                "Регистрация по месту временного пребывания",
                "Déclaration de résidence temporaire",
                "Registro de residencia temporal",
                "استمارة تسجيل الإقامة المؤقتة",
            ),
            t(
                "入住后24小时内到住地派出所办理（住宿酒店的由酒店代为登记）。",
                "Made at the local police station within 24 hours of moving in (hotels do it "
                "for their guests).",
                "入居後24時間以内に所轄の派出所で登録したもの（ホテル宿泊の場合はホテルが代行）。",
                "Оформляется в местном полицейском участке в течение 24 часов после заселения "
                "(в гостиницах это делает гостиница).",
                "Faite au poste de police local dans les 24 heures suivant l'emménagement "
                "(les hôtels s'en chargent pour leurs clients).",
                "Se hace en la comisaría local en las 24 horas siguientes a la llegada al "
                "alojamiento (los hoteles lo hacen por sus huéspedes).",
                "تُسجَّل في مركز الشرطة المحلي خلال 24 ساعة من السكن (وتتولى الفنادق ذلك عن نزلائها).",
            ),
            True,
            ANY,
        ),
        (
            t(
                "单位函件",
                "Letter from the employer",
                "雇用主の書簡",
                "Письмо работодателя",
                "Lettre de l'employeur",
                "Carta del empleador",
                "خطاب من صاحب العمل",
            ),
            t(
                "写明申请事由及申请居留期限，加盖单位公章。",
                "Stating the purpose and the length of residence requested, with the company seal.",
                "申請理由と希望する居留期間を記載し、社印を押したもの。",
                "С указанием цели и запрашиваемого срока пребывания, с печатью компании.",
                "Précisant le motif et la durée de séjour demandée, revêtue du sceau de "
                "l'entreprise.",
                "Indicando el motivo y la duración de la residencia solicitada, con el sello "
                "de la empresa.",
                "تبيّن الغرض ومدة الإقامة المطلوبة، مختومة بختم المؤسسة.",
            ),
            True,
            PDF,
        ),
        PHOTO,
    ],
    "steps": [
        (
            t(
                "办理住宿登记",
                "Register your address",
                "住所の登録",
                "Регистрация по месту пребывания",
                "Déclarer son adresse",
                "Registrar el domicilio",
                "تسجيل العنوان",
            ),
            t(
                "入住后24小时内在住地派出所办理临时住宿登记。",
                "Register the temporary residence at the local police station within 24 hours.",
                "入居後24時間以内に所轄の派出所で臨時宿泊登記を行います。",
                "Зарегистрируйтесь в местном полицейском участке в течение 24 часов.",
                "Déclarez la résidence temporaire au poste de police local dans les 24 heures.",
                "Registre la residencia temporal en la comisaría local en un plazo de 24 horas.",
                "سجّل الإقامة المؤقتة في مركز الشرطة المحلي خلال 24 ساعة.",
            ),
        ),
        (
            t(
                "窗口申请",
                "Apply at the single window",
                "窓口で申請",
                "Подача в едином окне",
                "Dépôt au guichet unique",
                "Solicitud en la ventanilla única",
                "التقديم في النافذة الواحدة",
            ),
            t(
                "在“一窗通办”窗口提交护照及材料，必要时现场采集照片和指纹。",
                "Hand in the passport and the documents; the window takes the photo and "
                "fingerprints if needed.",
                "ワンストップ窓口で旅券と書類を提出します。必要に応じて写真と指紋をその場で採"
                "取します。",
                "Сдайте паспорт и документы; при необходимости в окне сделают фото и снимут "
                "отпечатки пальцев.",
                "Remettez le passeport et les pièces ; le guichet prend la photo et les "
                "empreintes si nécessaire.",
                "Entregue el pasaporte y los documentos; la ventanilla toma la foto y las "
                "huellas si es necesario.",
                "سلّم جواز السفر والوثائق، وتلتقط النافذة الصورة وبصمات الأصابع عند الحاجة.",
            ),
        ),
        (
            t(
                "领取回执",
                "Receipt",
                "受理票の受け取り",
                "Получение квитанции",
                "Récépissé",
                "Resguardo",
                "الإيصال",
            ),
            t(
                "领取受理回执，办理期间可凭回执在境内证明身份。",
                "You receive a receipt that stands in for the passport in China while it is "
                "being processed.",
                "受理票を受け取ります。手続き中は国内で受理票が身分を証明します。",
                "Вы получаете квитанцию, которая на время оформления заменяет паспорт внутри "
                "Китая.",
                "Vous recevez un récépissé qui tient lieu de passeport en Chine pendant le "
                "traitement.",
                "Recibe un resguardo que sustituye al pasaporte dentro de China mientras se "
                "tramita.",
                "تتسلم إيصالًا يقوم مقام جواز السفر داخل الصين أثناء المعالجة.",
            ),
        ),
        (
            t(
                "领取证件",
                "Collect the passport",
                "旅券の受け取り",
                "Получение паспорта",
                "Retrait du passeport",
                "Recogida del pasaporte",
                "استلام الجواز",
            ),
            t(
                "在窗口领取或邮寄送达贴有居留许可的护照。",
                "Collect the passport with the residence permit at the window, or receive it "
                "by post.",
                "居留許可が付された旅券を窓口で受け取るか、郵送で受け取ります。",
                "Заберите паспорт с видом на жительство в окне или получите его по почте.",
                "Retirez le passeport portant le titre de séjour au guichet, ou recevez-le "
                "par la poste.",
                "Recoja el pasaporte con el permiso de residencia en la ventanilla o recíbalo "
                "por correo.",
                "استلم جواز السفر الذي يحمل تصريح الإقامة من النافذة أو عبر البريد.",
            ),
        ),
    ],
}

WORK_AND_RESIDENCE = {
    "slug": "work-and-residence-permits",
    "processing_days": 12,
    "title": t(
        "外国人工作、居留许可“一窗通办”",
        "Work and residence permits for foreign professionals at a single window",
        "外国人の就労・居留許可「ワンストップ窓口」",
        "Разрешение на работу и вид на жительство для иностранных специалистов в одном окне",
        "Permis de travail et titre de séjour des professionnels étrangers à un guichet unique",
        "Permiso de trabajo y de residencia para profesionales extranjeros en una ventanilla única",
        "تصريحا العمل والإقامة للمهنيين الأجانب في نافذة واحدة",
    ),
    "summary": t(
        "外国人工作许可和工作类居留许可一窗受理、一套材料、同步办理。",
        "Apply for the Foreigner's Work Permit and the residence permit for work together, at "
        "one window, with one set of documents.",
        "外国人就労許可と就労目的の居留許可を、一つの窓口で一式の書類により続けて申請できます。",
        "Разрешение на работу для иностранца и вид на жительство для работы оформляются "
        "вместе, в одном окне, по одному комплекту документов.",
        "Demandez le permis de travail pour étrangers et le titre de séjour pour travail "
        "ensemble, à un seul guichet, avec un seul dossier.",
        "Solicite el permiso de trabajo para extranjeros y el permiso de residencia por "
        "trabajo a la vez, en una sola ventanilla y con un único juego de documentos.",
        "قدّم طلب تصريح العمل للأجانب وتصريح الإقامة لغرض العمل معًا، في نافذة واحدة، بمجموعة "
        "واحدة من الوثائق.",
    ),
    "audience": t(
        "在西城区聘用外国专业人才的用人单位，以及来华工作、创新创业或从事科研的外国专业人才本人。",
        "Employers in Xicheng District hiring foreign professionals, and the professionals "
        "themselves, whether they come to work, start a business or do research.",
        "外国人専門人材を雇用する西城区の雇用主、および就労、起業、研究のために来訪する外国人"
        "専門人材本人。",
        "Работодатели района Сичэн, нанимающие иностранных специалистов, и сами специалисты, "
        "приезжающие работать, открывать бизнес или заниматься исследованиями.",
        "Les employeurs du district de Xicheng qui recrutent des professionnels étrangers, et "
        "ces professionnels eux-mêmes, qu'ils viennent travailler, créer une entreprise ou "
        "faire de la recherche.",
        "Empleadores del distrito de Xicheng que contratan a profesionales extranjeros, y los "
        "propios profesionales que vienen a trabajar, emprender o investigar.",
        "أصحاب العمل في منطقة شيتشنغ الذين يوظفون مهنيين أجانب، والمهنيون أنفسهم القادمون "
        "للعمل أو لتأسيس أعمال أو للبحث العلمي.",
    ),
    "description": t(
        "西城区设立外国人来华工作许可服务窗口，实现工作许可和居留许可“一窗受理”，为海外人才来"
        "华创新创业、工作学习提供全方位、全流程服务。\n\n由用人单位申请工作许可，获批后在同一"
        "窗口接续办理工作类居留许可，无需再次排队。",
        "Xicheng District set up service windows for foreigners' work permits where the work "
        "permit and the residence permit are applied for at a single window, and offers "
        "overseas professionals services for innovation, starting businesses, work and study "
        "in China.\n\nThe employer applies for the work permit; once it is granted, the "
        "residence permit for work is processed at the same window without a second queue.",
        "西城区は外国人の来華就労許可のサービス窓口を設け、就労許可と居留許可を一つの窓口で受"
        "け付けています。海外の人材が中国で革新、起業、就労、学習を行えるよう、全方位・全過程"
        "のサービスを提供しています。\n\n雇用主が就労許可を申請し、許可後は同じ窓口で続けて就"
        "労目的の居留許可を手続きできるため、改めて並ぶ必要はありません。",
        "В районе Сичэн открыты окна обслуживания по разрешениям на работу для иностранцев, "
        "где разрешение на работу и вид на жительство оформляются в одном окне; зарубежным "
        "специалистам предлагаются услуги для инноваций, открытия бизнеса, работы и учёбы в "
        "Китае.\n\nРаботодатель подаёт заявление на разрешение на работу; после его выдачи "
        "вид на жительство для работы оформляется в том же окне, без повторной очереди.",
        "Le district de Xicheng a ouvert des guichets pour les permis de travail des "
        "étrangers, où le permis de travail et le titre de séjour se demandent à un seul "
        "guichet, et propose aux professionnels étrangers des services pour innover, créer "
        "une entreprise, travailler et étudier en Chine.\n\nL'employeur demande le permis de "
        "travail ; une fois celui-ci accordé, le titre de séjour pour travail est traité au "
        "même guichet, sans nouvelle file d'attente.",
        "El distrito de Xicheng abrió ventanillas para los permisos de trabajo de extranjeros "
        "en las que el permiso de trabajo y el de residencia se tramitan en una sola "
        "ventanilla, y ofrece a los profesionales extranjeros servicios para innovar, "
        "emprender, trabajar y estudiar en China.\n\nEl empleador solicita el permiso de "
        "trabajo; una vez concedido, el permiso de residencia por trabajo se tramita en la "
        "misma ventanilla, sin volver a hacer cola.",
        "أنشأت منطقة شيتشنغ نوافذ خدمة لتصاريح عمل الأجانب يُقدَّم فيها طلبا تصريح العمل وتصريح "
        "الإقامة في نافذة واحدة، وتقدم للمهنيين من الخارج خدمات للابتكار وتأسيس الأعمال "
        "والعمل والدراسة في الصين.\n\nيتقدم صاحب العمل بطلب تصريح العمل، وبعد منحه يُستكمل "
        "تصريح الإقامة لغرض العمل في النافذة نفسها دون انتظار في طابور آخر.",
    ),
    "fees": t(
        "窗口不收取服务费（示例）。居留许可证件费按国家出入境管理收费标准执行；体检、翻译和认"
        "证费用由申请人承担。",
        "No service fee is charged at the window (sample). The residence permit fee follows "
        "the national schedule of the exit and entry administration; the medical examination, "
        "translation and authentication are paid by the applicant.",
        "窓口でのサービス料はかかりません（サンプル）。居留許可の手数料は国の出入国管理の料金"
        "基準に従います。健康診断、翻訳、認証の費用は申請者の負担です。",
        "Плата за обслуживание в окне не взимается (пример). Сбор за вид на жительство — по "
        "государственным тарифам миграционной службы; медосмотр, перевод и легализацию "
        "оплачивает заявитель.",
        "Aucuns frais de service ne sont perçus au guichet (exemple). Le droit de titre de "
        "séjour suit le barème national de l'administration de l'immigration ; l'examen "
        "médical, la traduction et la légalisation sont à la charge du demandeur.",
        "La ventanilla no cobra tasa de servicio (ejemplo). La tasa del permiso de residencia "
        "sigue la tarifa nacional de la administración de inmigración; el examen médico, la "
        "traducción y la legalización corren a cargo del solicitante.",
        "لا تُفرض رسوم خدمة في النافذة (مثال). تخضع رسوم تصريح الإقامة للتعرفة الوطنية لإدارة "
        "الهجرة، ويتحمل مقدم الطلب تكاليف الفحص الطبي والترجمة والتصديق.",
    ),
    "legal_basis": t(
        "- 《中华人民共和国出境入境管理法》《中华人民共和国外国人入境出境管理条例》：[国家移民"
        "管理局](https://www.nia.gov.cn/)\n- 《外国人在中国就业管理规定》：[外国人来华工作管理"
        "服务系统](https://fwp.safea.gov.cn/)\n- [北京市人民政府](https://www.beijing.gov.cn/)",
        "- Exit and Entry Administration Law of the People's Republic of China and "
        "Regulations on the Administration of the Entry and Exit of Foreigners: [National "
        "Immigration Administration](https://www.nia.gov.cn/)\n- Provisions on the "
        "Administration of Employment of Foreigners in China: [Foreigner's Work Permit "
        "Service System](https://fwp.safea.gov.cn/)\n- [Beijing Municipal People's "
        "Government](https://www.beijing.gov.cn/)",
        "- 中華人民共和国出境入境管理法、中華人民共和国外国人入境出境管理条例：[国家移民管理局"
        "](https://www.nia.gov.cn/)\n- 外国人の中国における就業管理規定：[外国人来華就労管理サ"
        "ービスシステム](https://fwp.safea.gov.cn/)\n- [北京市人民政府"
        "](https://www.beijing.gov.cn/)",
        "- Закон КНР об управлении выездом и въездом и Положение КНР об управлении въездом и "
        "выездом иностранцев: [Национальное управление по делам "
        "иммиграции](https://www.nia.gov.cn/)\n- Положение об управлении трудоустройством "
        "иностранцев в Китае: [Система обслуживания разрешений на работу для "
        "иностранцев](https://fwp.safea.gov.cn/)\n- [Народное правительство "
        "Пекина](https://www.beijing.gov.cn/)",
        "- Loi de la République populaire de Chine sur l'administration des entrées et "
        "sorties et Règlement sur l'administration de l'entrée et de la sortie des étrangers "
        ": [Administration nationale de l'immigration](https://www.nia.gov.cn/)\n- "
        "Dispositions sur l'administration de l'emploi des étrangers en Chine : [Système de "
        "services des permis de travail pour étrangers](https://fwp.safea.gov.cn/)\n- "
        "[Gouvernement populaire de la municipalité de Pékin](https://www.beijing.gov.cn/)",
        "- Ley de la República Popular China sobre la Administración de Entradas y Salidas y "
        "Reglamento sobre la Administración de la Entrada y Salida de Extranjeros: "
        "[Administración Nacional de Inmigración](https://www.nia.gov.cn/)\n- Disposiciones "
        "sobre la Administración del Empleo de Extranjeros en China: [Sistema de servicios de "
        "permisos de trabajo para extranjeros](https://fwp.safea.gov.cn/)\n- [Gobierno "
        "Popular Municipal de Pekín](https://www.beijing.gov.cn/)",
        "- قانون جمهورية الصين الشعبية لإدارة الخروج والدخول ولائحة إدارة دخول الأجانب "
        "وخروجهم: [الإدارة الوطنية للهجرة](https://www.nia.gov.cn/)\n- أحكام إدارة توظيف "
        "الأجانب في الصين: [نظام خدمات تصاريح عمل الأجانب](https://fwp.safea.gov.cn/)\n- "
        "[الحكومة الشعبية لبلدية بكين](https://www.beijing.gov.cn/)",
    ),
    "contact_office": contact("permits@xicheng.example.org"),
    "items": [WORK_PERMIT, RESIDENCE_PERMIT],
}

# --- Registration services for transnational companies -----------------------------------

FOREIGN_INVESTED_ENTERPRISE = {
    "title": t(
        "外商投资企业设立登记",
        "Registering a foreign-invested enterprise",
        "外商投資企業の設立登記",
        "Регистрация предприятия с иностранными инвестициями",
        "Enregistrement d'une entreprise à capitaux étrangers",
        "Registro de una empresa de inversión extranjera",
        "تسجيل تأسيس مؤسسة باستثمار أجنبي",
    ),
    "description": t(
        "根据《外商投资法》，外商投资企业与内资企业适用相同的登记程序，外商投资信息通过登记系"
        "统一并报送。区里在正式提交前预审材料。",
        "Under the Foreign Investment Law, a foreign-invested company is registered like any "
        "other company, and its investment information is reported in the same filing. The "
        "district checks the file before it is submitted.",
        "外商投資法により、外商投資企業は他の企業と同じ手続きで登記され、外商投資情報も同じ申"
        "請で報告されます。区が正式提出前に書類を確認します。",
        "По Закону об иностранных инвестициях компания с иностранными инвестициями "
        "регистрируется так же, как любая другая, а сведения об инвестициях подаются в рамках "
        "той же процедуры. Район проверяет документы до подачи.",
        "Selon la loi sur les investissements étrangers, une société à capitaux étrangers "
        "s'enregistre comme toute autre société, et les informations sur l'investissement "
        "sont déclarées dans la même procédure. Le district vérifie le dossier avant son "
        "dépôt.",
        "Según la Ley de Inversión Extranjera, una empresa de inversión extranjera se "
        "registra como cualquier otra, y la información sobre la inversión se declara en el "
        "mismo trámite. El distrito revisa el expediente antes de presentarlo.",
        "بموجب قانون الاستثمار الأجنبي، تُسجَّل الشركة ذات الاستثمار الأجنبي كأي شركة أخرى، "
        "وتُقدَّم معلومات الاستثمار ضمن الإجراء نفسه. تراجع المنطقة الملف قبل تقديمه.",
    ),
    "processing_days": 3,
    "needs_travel_details": False,
    "documents": [
        (
            t(
                "投资者主体资格证明",
                "Investor's certificate of incorporation",
                "投資家の主体資格証明",
                "Документ о регистрации инвестора",
                "Certificat de constitution de l'investisseur",
                "Certificado de constitución del inversor",
                "شهادة تأسيس المستثمر",
            ),
            t(
                "经公证认证或办理附加证明书，并附中文译本。",
                "Notarised and authenticated, or apostilled, with a Chinese translation.",
                "公証・認証またはアポスティーユを付し、中国語訳を添付したもの。",
                "Нотариально заверенный и легализованный или с апостилем, с переводом на "
                "китайский.",
                "Certifié et légalisé, ou apostillé, avec une traduction en chinois.",
                "Notarizado y legalizado, o apostillado, con traducción al chino.",
                "موثّقة ومصدّقة أو مختومة بالأبوستيل، مع ترجمة صينية.",
            ),
            True,
            PDF,
        ),
        (
            t(
                "公司章程",
                "Articles of association",
                "定款",
                "Устав",
                "Statuts",
                "Estatutos",
                "النظام الأساسي",
            ),
            t(
                "由投资者签署。",
                "Signed by the investors.",
                "投資家が署名したもの。",
                "Подписанный инвесторами.",
                "Signés par les investisseurs.",
                "Firmados por los inversores.",
                "موقّع من المستثمرين.",
            ),
            True,
            PDF,
        ),
        (
            t(
                "公司登记（备案）申请书",
                "Company registration application form",
                "会社登記（届出）申請書",
                "Заявление о регистрации компании",
                "Formulaire de demande d'enregistrement de la société",
                "Formulario de solicitud de registro de la sociedad",
                "استمارة طلب تسجيل الشركة",
            ),
            t(
                "由法定代表人签署。",
                "Signed by the legal representative.",
                "法定代表者が署名したもの。",
                "Подписанное законным представителем.",
                "Signé par le représentant légal.",
                "Firmado por el representante legal.",
                "موقّعة من الممثل القانوني.",
            ),
            True,
            PDF,
        ),
        (
            t(
                "法定代表人及董事、监事、高级管理人员身份证明",
                "Identity documents of the legal representative, directors and managers",
                "法定代表者、取締役、監査役、役員の身分証明",
                "Документы, удостоверяющие личность законного представителя, директоров и "
                "руководителей",
                "Pièces d'identité du représentant légal, des administrateurs et des dirigeants",
                "Documentos de identidad del representante legal, los directores y los gerentes",
                "وثائق هوية الممثل القانوني والمديرين وكبار المسؤولين",
            ),
            t(
                "并附任职文件。",
                "With the documents appointing them.",
                "任命書類を添付。",
                "С документами об их назначении.",
                "Avec les actes de nomination.",
                "Con los documentos de nombramiento.",
                "مع وثائق تعيينهم.",
            ),
            True,
            ANY,
        ),
        PREMISES,
        POWER_OF_ATTORNEY,
    ],
    "steps": [
        (
            t(
                "企业名称自主申报",
                "Choose the company name",
                "商号の申告",
                "Выбор наименования",
                "Choisir la dénomination",
                "Elegir la denominación",
                "اختيار الاسم",
            ),
            t(
                "在网上自主申报企业名称。",
                "Choose and declare the company name online.",
                "オンラインで会社名を自主申告します。",
                "Выберите и заявите наименование компании онлайн.",
                "Choisissez et déclarez en ligne la dénomination de la société.",
                "Elija y declare en línea la denominación de la sociedad.",
                "اختر اسم الشركة وصرّح به عبر الإنترنت.",
            ),
        ),
        PRE_CHECK,
        FILE_REGISTRATION,
        (
            t(
                "领取执照和印章",
                "Business licence and seals",
                "営業許可証と印章",
                "Лицензия и печати",
                "Licence et sceaux",
                "Licencia y sellos",
                "الرخصة والأختام",
            ),
            t(
                "领取营业执照（含电子营业执照）并刻制公章。",
                "Receive the business licence (also in electronic form) and have the company "
                "seals made.",
                "営業許可証（電子版を含む）を受け取り、社印を作成します。",
                "Получите бизнес-лицензию (также электронную) и изготовьте печати компании.",
                "Recevez la licence commerciale (aussi sous forme électronique) et faites "
                "graver les sceaux de la société.",
                "Reciba la licencia comercial (también en formato electrónico) y encargue los "
                "sellos de la empresa.",
                "استلم الرخصة التجارية (والإلكترونية أيضًا) واصنع أختام الشركة.",
            ),
        ),
    ],
}

REPRESENTATIVE_OFFICE = {
    "title": t(
        "外国企业常驻代表机构登记",
        "Registering a resident representative office of a foreign enterprise",
        "外国企業常駐代表機構の登記",
        "Регистрация постоянного представительства иностранного предприятия",
        "Enregistrement d'un bureau de représentation permanent d'une entreprise étrangère",
        "Registro de una oficina de representación permanente de una empresa extranjera",
        "تسجيل مكتب تمثيلي دائم لمؤسسة أجنبية",
    ),
    "description": t(
        "常驻代表机构从事与外国企业业务有关的联络、宣传等非营利性活动。外国企业须已成立满两年。",
        "A representative office carries out liaison and promotion for its foreign parent "
        "company, without business activities of its own. The foreign enterprise must have "
        "existed for at least two years.",
        "駐在員事務所は、外国の本社のための連絡・宣伝などの非営利活動を行い、自ら営業活動は行"
        "いません。外国企業は設立後2年以上経過している必要があります。",
        "Представительство ведёт связь и продвижение в интересах иностранной материнской "
        "компании и не занимается собственной коммерческой деятельностью. Иностранное "
        "предприятие должно существовать не менее двух лет.",
        "Un bureau de représentation assure la liaison et la promotion pour sa maison mère "
        "étrangère, sans activité commerciale propre. L'entreprise étrangère doit exister "
        "depuis au moins deux ans.",
        "Una oficina de representación realiza labores de enlace y promoción para su matriz "
        "extranjera, sin actividad comercial propia. La empresa extranjera debe tener al "
        "menos dos años de existencia.",
        "يتولى المكتب التمثيلي أعمال الاتصال والترويج لصالح الشركة الأم الأجنبية دون ممارسة "
        "نشاط تجاري خاص به، ويجب أن يكون قد مضى على تأسيس المؤسسة الأجنبية عامان على الأقل.",
    ),
    "processing_days": 5,
    "needs_travel_details": False,
    "documents": [
        (
            t(
                "外国企业存续证明",
                "Certificate of existence of the foreign enterprise",
                "外国企業の存続証明",
                "Подтверждение действующего статуса иностранного предприятия",
                "Certificat d'existence de l'entreprise étrangère",
                "Certificado de existencia de la empresa extranjera",
                "شهادة قيام المؤسسة الأجنبية",
            ),
            t(
                "证明已成立满两年，经公证认证或办理附加证明书。",
                "Showing that it has existed for at least two years; notarised and "
                "authenticated, or apostilled.",
                "設立後2年以上であることを示し、公証・認証またはアポスティーユを付したもの。",
                "Подтверждает существование не менее двух лет; нотариально заверенный и "
                "легализованный или с апостилем.",
                "Attestant au moins deux ans d'existence ; certifié et légalisé, ou apostillé.",
                "Que acredite al menos dos años de existencia; notarizado y legalizado, o "
                "apostillado.",
                "تثبت مرور عامين على الأقل على تأسيسها؛ موثّقة ومصدّقة أو مختومة بالأبوستيل.",
            ),
            True,
            PDF,
        ),
        (
            t(
                "外国企业的章程或组织协议",
                "Articles of association of the foreign enterprise",
                "外国企業の定款または組織協定",
                "Устав иностранного предприятия",
                "Statuts de l'entreprise étrangère",
                "Estatutos de la empresa extranjera",
                "النظام الأساسي للمؤسسة الأجنبية",
            ),
            t(
                "附中文译本。",
                "With a Chinese translation.",
                "中国語訳を添付。",
                "С переводом на китайский.",
                "Avec une traduction en chinois.",
                "Con traducción al chino.",
                "مع ترجمة صينية.",
            ),
            True,
            PDF,
        ),
        (
            t(
                "资信证明",
                "Bank reference letter",
                "銀行の資信証明",
                "Рекомендательное письмо банка",
                "Attestation bancaire",
                "Carta de referencia bancaria",
                "خطاب مرجعي من المصرف",
            ),
            t(
                "由与外国企业有业务往来的金融机构出具。",
                "From a bank the foreign enterprise does business with.",
                "外国企業と取引のある金融機関が発行したもの。",
                "От банка, с которым работает иностранное предприятие.",
                "Émise par une banque avec laquelle l'entreprise étrangère est en relation.",
                "Emitida por un banco con el que opera la empresa extranjera.",
                "صادر عن مصرف تتعامل معه المؤسسة الأجنبية.",
            ),
            True,
            PDF,
        ),
        (
            t(
                "首席代表任命文件及身份证明",
                "Appointment and identity of the chief representative",
                "首席代表の任命書と身分証明",
                "Назначение и документ, удостоверяющий личность главного представителя",
                "Nomination et pièce d'identité du représentant en chef",
                "Nombramiento e identificación del representante jefe",
                "قرار تعيين كبير الممثلين ووثيقة هويته",
            ),
            t(
                "由外国企业有权签字人签署。",
                "Signed by the authorised signatory of the foreign enterprise.",
                "外国企業の権限ある署名者が署名したもの。",
                "Подписано уполномоченным лицом иностранного предприятия.",
                "Signée par le signataire habilité de l'entreprise étrangère.",
                "Firmado por el firmante autorizado de la empresa extranjera.",
                "موقّع من المفوّض بالتوقيع في المؤسسة الأجنبية.",
            ),
            True,
            ANY,
        ),
        PREMISES,
        POWER_OF_ATTORNEY,
    ],
    "steps": [
        PRE_CHECK,
        FILE_REGISTRATION,
        (
            t(
                "领取登记证",
                "Registration certificate",
                "登記証の受領",
                "Получение свидетельства",
                "Certificat d'enregistrement",
                "Certificado de registro",
                "شهادة التسجيل",
            ),
            t(
                "领取代表机构登记证和代表证。",
                "Receive the registration certificate of the office and the representatives' "
                "cards.",
                "代表機構登記証と代表証を受け取ります。",
                "Получите свидетельство о регистрации представительства и карточки представителей.",
                "Recevez le certificat d'enregistrement du bureau et les cartes de représentant.",
                "Reciba el certificado de registro de la oficina y las tarjetas de representante.",
                "استلم شهادة تسجيل المكتب التمثيلي وبطاقات الممثلين.",
            ),
        ),
        (
            t(
                "后续登记",
                "Further registrations",
                "その後の登録",
                "Последующие регистрации",
                "Formalités suivantes",
                "Registros posteriores",
                "التسجيلات اللاحقة",
            ),
            t(
                "办理税务、外汇和社会保险等后续登记。",
                "Register for tax, foreign exchange and social insurance as the office starts "
                "work.",
                "業務開始に合わせて、税務、外貨、社会保険などの登録を行います。",
                "Зарегистрируйтесь в налоговой, валютной службе и системе социального страхования.",
                "Effectuez les enregistrements fiscaux, de change et de sécurité sociale au "
                "démarrage du bureau.",
                "Realice los registros fiscales, de divisas y de seguridad social al iniciar "
                "la actividad.",
                "أكمل التسجيل لدى الضرائب والنقد الأجنبي والتأمين الاجتماعي عند بدء عمل المكتب.",
            ),
        ),
    ],
}

TRANSNATIONAL_REGISTRATION = {
    "slug": "transnational-company-registration",
    "processing_days": 5,
    "title": t(
        "跨国公司便利化登记服务",
        "Convenient registration services for transnational companies",
        "多国籍企業向け登記円滑化サービス",
        "Упрощённая регистрация для транснациональных компаний",
        "Services d'enregistrement facilité pour les entreprises multinationales",
        "Servicios de registro simplificado para empresas transnacionales",
        "خدمات التسجيل الميسّر للشركات متعددة الجنسيات",
    ),
    "summary": t(
        "协助在西城设立外商投资企业或外国企业常驻代表机构：告知准备事项和办理顺序，并在正式申"
        "报前预审材料。",
        "Help with registering a foreign-invested enterprise or a representative office in "
        "Xicheng: what to prepare, the order of the steps and a check of the documents before "
        "you file.",
        "西城区での外商投資企業または外国企業駐在員事務所の登記を支援します。準備するもの、手"
        "続きの順序をご案内し、正式な申請前に書類を確認します。",
        "Помощь в регистрации предприятия с иностранными инвестициями или представительства в "
        "Сичэне: что подготовить, в каком порядке действовать, проверка документов до подачи.",
        "Aide à l'enregistrement d'une entreprise à capitaux étrangers ou d'un bureau de "
        "représentation à Xicheng : ce qu'il faut préparer, l'ordre des étapes et une "
        "vérification des pièces avant le dépôt.",
        "Ayuda para registrar una empresa de inversión extranjera o una oficina de "
        "representación en Xicheng: qué preparar, el orden de los pasos y una revisión de los "
        "documentos antes de presentarlos.",
        "المساعدة في تسجيل مؤسسة باستثمار أجنبي أو مكتب تمثيلي في شيتشنغ: ما يجب إعداده، "
        "وترتيب الخطوات، ومراجعة الوثائق قبل التقديم.",
    ),
    "audience": t(
        "在西城区投资设立企业或机构的外国投资者、跨国公司及其授权代理人。",
        "Foreign investors and transnational companies setting up in Xicheng District, and "
        "their authorised agents.",
        "西城区に進出する外国投資家、多国籍企業およびその代理人。",
        "Иностранные инвесторы и транснациональные компании, открывающие компании или "
        "представительства в районе Сичэн, и их уполномоченные представители.",
        "Les investisseurs étrangers et les entreprises multinationales qui s'implantent dans "
        "le district de Xicheng, ainsi que leurs mandataires.",
        "Inversores extranjeros y empresas transnacionales que se establecen en el distrito "
        "de Xicheng, y sus representantes autorizados.",
        "المستثمرون الأجانب والشركات متعددة الجنسيات التي تؤسس كيانات في منطقة شيتشنغ، "
        "ووكلاؤهم المفوضون.",
    ),
    "description": t(
        "随着北京市优化营商环境5.0版改革任务的落实，西城区为跨国公司提供便利化登记服务，并加大"
        "吸引外资的工作力度和政策支持，例如推出北京金融科技与专业服务创新示范区（西城区）建设"
        "方案2.0版。\n\n登记本身向市场监督管理部门申报，大部分可在网上办理。您可先通过本网站提"
        "交材料：区里预先审核，告知缺少的内容并说明每一步。",
        "With the reforms of Beijing's Business Environment Reform 5.0, convenient "
        "registration services became accessible to transnational companies in Xicheng "
        "District, which gives greater effort and policy support to attracting foreign "
        "investment, for example with version 2.0 of the construction plan of the Beijing "
        "Fintech and Professional Service Innovation Demonstration Zone (Xicheng District).\n"
        "\nRegistration itself is filed with the market regulation authority, mostly online. "
        "Send your documents here first: the district checks them, tells you what is missing "
        "and explains each step.",
        "北京市のビジネス環境改革5.0の実施に伴い、西城区は多国籍企業向けに登記の円滑化サービス"
        "を提供し、北京フィンテック・専門サービスイノベーション・モデル区（西城区）建設計画2.0"
        "版の発表など、外資誘致への取り組みと政策支援を強化しています。\n\n登記そのものは市場"
        "監督管理部門に申請し、多くはオンラインで手続きできます。まずこのポータルから書類を送"
        "ってください。区が事前に確認し、不足をお知らせし、各手順をご説明します。",
        "С выполнением задач реформы деловой среды Пекина версии 5.0 транснациональным "
        "компаниям в районе Сичэн стала доступна упрощённая регистрация; район усиливает "
        "работу и политическую поддержку по привлечению иностранных инвестиций — например, "
        "принят план создания Пекинской демонстрационной зоны инноваций финтеха и "
        "профессиональных услуг (район Сичэн) версии 2.0.\n\nСама регистрация подаётся в "
        "орган по надзору за рынком, в основном онлайн. Сначала отправьте документы здесь: "
        "район проверит их, сообщит, чего не хватает, и объяснит каждый шаг.",
        "Avec la mise en œuvre de la réforme 5.0 de l'environnement des affaires de Pékin, "
        "les entreprises multinationales bénéficient à Xicheng de services d'enregistrement "
        "facilité, et le district renforce ses efforts et son soutien pour attirer les "
        "investissements étrangers, par exemple avec la version 2.0 du plan de construction "
        "de la zone de démonstration de l'innovation en fintech et services professionnels de "
        "Pékin (district de Xicheng).\n\nL'enregistrement lui-même se fait auprès de "
        "l'administration de régulation du marché, surtout en ligne. Envoyez d'abord vos "
        "pièces ici : le district les vérifie, vous signale ce qui manque et explique chaque "
        "étape.",
        "Con la aplicación de la reforma 5.0 del entorno empresarial de Pekín, las empresas "
        "transnacionales cuentan en Xicheng con servicios de registro simplificado, y el "
        "distrito refuerza su labor y su apoyo para atraer inversión extranjera, por ejemplo "
        "con la versión 2.0 del plan de construcción de la Zona de Demostración de Innovación "
        "en Tecnología Financiera y Servicios Profesionales de Pekín (distrito de Xicheng).\n"
        "\nEl registro en sí se presenta ante la autoridad de regulación del mercado, casi "
        "siempre en línea. Envíe primero sus documentos aquí: el distrito los revisa, le "
        "indica lo que falta y le explica cada paso.",
        "مع تنفيذ مهام الإصلاح 5.0 لبيئة الأعمال في بكين، أصبحت خدمات التسجيل الميسّر متاحة "
        "للشركات متعددة الجنسيات في منطقة شيتشنغ، التي تعزز جهودها ودعمها لجذب الاستثمار "
        "الأجنبي، ومن ذلك الإصدار 2.0 من خطة إنشاء منطقة بكين النموذجية للابتكار في "
        "التكنولوجيا المالية والخدمات المهنية (منطقة شيتشنغ).\n\nيُقدَّم التسجيل نفسه إلى هيئة "
        "تنظيم السوق، وغالبًا عبر الإنترنت. أرسل وثائقك هنا أولًا: تراجعها المنطقة وتبلغك بما "
        "ينقص وتشرح كل خطوة.",
    ),
    "fees": t(
        "登记及区级协助服务不收费（示例）。境外文件的公证、认证和翻译费用由投资者承担。",
        "Registration and the district's help are free of charge (sample). Notarisation, "
        "authentication and translation of documents from abroad are paid by the investor.",
        "登記と区の支援は無料です（サンプル）。海外書類の公証、認証、翻訳の費用は投資家の負担"
        "です。",
        "Регистрация и помощь района бесплатны (пример). Нотариальное заверение, легализацию "
        "и перевод иностранных документов оплачивает инвестор.",
        "L'enregistrement et l'aide du district sont gratuits (exemple). La certification "
        "notariale, la légalisation et la traduction des documents étrangers sont à la charge "
        "de l'investisseur.",
        "El registro y la ayuda del distrito son gratuitos (ejemplo). La notarización, la "
        "legalización y la traducción de los documentos extranjeros corren a cargo del "
        "inversor.",
        "التسجيل ومساعدة المنطقة مجانيان (مثال). يتحمل المستثمر تكاليف توثيق الوثائق الأجنبية "
        "وتصديقها وترجمتها.",
    ),
    "legal_basis": t(
        "- 《中华人民共和国外商投资法》\n- 《外国企业常驻代表机构登记管理条例》\n- [国家市场监"
        "督管理总局](https://www.samr.gov.cn/) · [北京市市场监督管理局"
        "](https://scjgj.beijing.gov.cn/)\n- [北京市西城区人民政府](https://www.bjxch.gov.cn/)",
        "- Foreign Investment Law of the People's Republic of China\n- Regulations on the "
        "Administration of the Registration of Resident Representative Offices of Foreign "
        "Enterprises\n- [State Administration for Market "
        "Regulation](https://www.samr.gov.cn/) · [Beijing Municipal Administration for Market "
        "Regulation](https://scjgj.beijing.gov.cn/)\n- [Xicheng District People's "
        "Government](https://www.bjxch.gov.cn/)",
        "- 中華人民共和国外商投資法\n- 外国企業常駐代表機構登記管理条例\n- [国家市場監督管理総"
        "局](https://www.samr.gov.cn/) · [北京市市場監督管理局"
        "](https://scjgj.beijing.gov.cn/)\n- [北京市西城区人民政府](https://www.bjxch.gov.cn/)",
        "- Закон КНР об иностранных инвестициях\n- Положение о регистрации постоянных "
        "представительств иностранных предприятий\n- [Государственное управление по "
        "регулированию рынка](https://www.samr.gov.cn/) · [Управление по регулированию рынка "
        "Пекина](https://scjgj.beijing.gov.cn/)\n- [Народное правительство района "
        "Сичэн](https://www.bjxch.gov.cn/)",
        "- Loi de la République populaire de Chine sur les investissements étrangers\n- "
        "Règlement sur l'enregistrement des bureaux de représentation permanents des "
        "entreprises étrangères\n- [Administration d'État pour la régulation du "
        "marché](https://www.samr.gov.cn/) · [Administration de régulation du marché de "
        "Pékin](https://scjgj.beijing.gov.cn/)\n- [Gouvernement populaire du district de "
        "Xicheng](https://www.bjxch.gov.cn/)",
        "- Ley de Inversión Extranjera de la República Popular China\n- Reglamento sobre el "
        "Registro de las Oficinas de Representación Permanentes de Empresas Extranjeras\n- "
        "[Administración Estatal de Regulación del Mercado](https://www.samr.gov.cn/) · "
        "[Administración de Regulación del Mercado de Pekín](https://scjgj.beijing.gov.cn/)\n"
        "- [Gobierno Popular del distrito de Xicheng](https://www.bjxch.gov.cn/)",
        "- قانون الاستثمار الأجنبي لجمهورية الصين الشعبية\n- لائحة إدارة تسجيل المكاتب "
        "التمثيلية الدائمة للمؤسسات الأجنبية\n- [الإدارة الحكومية لتنظيم "
        "السوق](https://www.samr.gov.cn/) · [إدارة تنظيم السوق في بلدية "
        "بكين](https://scjgj.beijing.gov.cn/)\n- [الحكومة الشعبية لمنطقة "
        "شيتشنغ](https://www.bjxch.gov.cn/)",
    ),
    "contact_office": contact("registration@xicheng.example.org"),
    "items": [FOREIGN_INVESTED_ENTERPRISE, REPRESENTATIVE_OFFICE],
}

PACKAGES = [GOING_ABROAD, WORK_AND_RESIDENCE, TRANSNATIONAL_REGISTRATION]


# --- Loading ------------------------------------------------------------------------------


def _translate(obj, field: str, values: dict[str, str]) -> None:
    for lang in LANGS:
        setattr(obj, f"{field}_{lang}", values[lang])


def _create_item(package: ServicePackage, data: dict, position: int) -> None:
    item = ServiceItem(package=package, position=position)
    _translate(item, "title", data["title"])
    _translate(item, "description", data["description"])
    item.processing_days = data["processing_days"]
    item.needs_travel_details = data["needs_travel_details"]
    item.full_clean()
    item.save()
    for position, (name, description, mandatory, types) in enumerate(data["documents"], start=1):
        document = RequiredDocument(item=item, position=position)
        _translate(document, "name", name)
        _translate(document, "description", description)
        document.mandatory = mandatory
        document.accepted_types = types
        document.full_clean()
        document.save()
    for position, (title, description) in enumerate(data["steps"], start=1):
        step = ServiceStep(item=item, position=position)
        _translate(step, "title", title)
        _translate(step, "description", description)
        step.full_clean()
        step.save()


def _create_package(data: dict, position: int) -> ServicePackage:
    package = ServicePackage(slug=data["slug"], position=position)
    for field in PACKAGE_FIELDS:
        values = SAMPLE_NOTE if field == "sample_note" else data[field]
        _translate(package, field, values)
    package.processing_days = data["processing_days"]
    package.status = PublishingStatus.PUBLISHED
    package.is_sample = True
    package.full_clean()
    package.save()
    for item_position, item_data in enumerate(data["items"], start=1):
        _create_item(package, item_data, item_position)
    return package


def load() -> str:
    """Create whichever of the three demo service packages is missing, with its services."""
    demo = DemoLoad()
    for position, data in enumerate(PACKAGES, start=1):
        create = partial(_create_package, data, position)
        demo.ensure("service packages", ServicePackage, create, slug=data["slug"])
    return str(demo)
