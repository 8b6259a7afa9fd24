//! The help of each command's options, by the command's path (`labels set`) and the option's
//! id, in `[en, ru, kk]`: one place for the words `help.rs` puts in every `--help`.

/// An option's help; `None` keeps the derived (English) one, which no option here should need.
pub fn arg_help(path: &str, id: &str) -> Option<[&'static str; 3]> {
    if let Some(texts) = of_command(path, id) {
        return Some(texts);
    }
    Some(match id {
        "portal" => [
            "The portal's address, e.g. https://portal.example.kz/",
            "Адрес портала, например https://portal.example.kz/",
            "Порталдың мекенжайы, мысалы https://portal.example.kz/",
        ],
        "phone" => [
            "The administrator's number, 11 digits starting with 7.",
            "Номер администратора: 11 цифр, начиная с 7.",
            "Әкімшінің нөмірі: 7-ден басталатын 11 цифр.",
        ],
        "password" => [
            "The password (better: set KABINET_PASSWORD, or type it when asked).",
            "Пароль (лучше задать KABINET_PASSWORD или ввести по запросу).",
            "Құпия сөз (KABINET_PASSWORD орнатқан не сұралғанда енгізген дұрыс).",
        ],
        "company" if matches!(path, "sync" | "search" | "export") => [
            "The company's id (see `companies`).",
            "Идентификатор компании (см. `companies`).",
            "Компанияның идентификаторы (`companies` қараңыз).",
        ],
        "full" => ["Download everything again.", "Загрузить всё заново.", "Бәрін қайта жүктеу."],
        "query" if path == "search" || path == "export" => [
            "Text to look for; empty lists everything.",
            "Что искать; пусто — весь список.",
            "Іздейтін мәтін; бос болса — бүкіл тізім.",
        ],
        "state" if path == "search" => [
            "active, blocked, in_process or blocked_debt.",
            "active, blocked, in_process или blocked_debt.",
            "active, blocked, in_process не blocked_debt.",
        ],
        "tariff" => {
            ["Only the numbers of this tariff.", "Только номера с этим тарифом.", "Тек осы тарифтегі нөмірлер."]
        }
        "department" => {
            ["Only the numbers of this department.", "Только номера этого отдела.", "Тек осы бөлімнің нөмірлері."]
        }
        "cost_centre" => [
            "Only the numbers of this cost centre (its code).",
            "Только номера этого ЦФО (по коду).",
            "Тек осы шығын орталығының нөмірлері (коды бойынша).",
        ],
        "tag" => ["Only the numbers with this tag.", "Только номера с этой меткой.", "Тек осы белгісі бар нөмірлер."],
        "sort" => [
            "number, account, tariff, payment_method, state, available_funds or balance.",
            "number, account, tariff, payment_method, state, available_funds или balance.",
            "number, account, tariff, payment_method, state, available_funds не balance.",
        ],
        "desc" => [
            "Largest first (or Z to A).",
            "Сначала наибольшие (или от Я до А).",
            "Алдымен ең үлкені (не Я-дан А-ға дейін).",
        ],
        "offset" => [
            "Rows to skip (0 or more).",
            "Сколько строк пропустить (0 или больше).",
            "Өткізіп жіберілетін жолдар (0 не одан көп).",
        ],
        "limit" => [
            "Rows to show, 1 to 500.",
            "Сколько строк показать, от 1 до 500.",
            "Көрсетілетін жолдар, 1-ден 500-ге дейін.",
        ],
        "msisdn" if path == "show" || path == "labels show" => {
            ["The number, e.g. 77010542007.", "Номер, например 77010542007.", "Нөмір, мысалы 77010542007."]
        }
        "format" if path == "export" => ["xlsx or csv.", "xlsx или csv.", "xlsx не csv."],
        "output" if path == "export" => ["The file to write.", "Файл, в который записать.", "Жазылатын файл."],
        "company" => [
            "The company's id (`kabinet-cli companies`); default: your first company.",
            "Идентификатор компании (`kabinet-cli companies`); по умолчанию — ваша первая компания.",
            "Компанияның идентификаторы (`kabinet-cli companies`); әдепкі бойынша — бірінші компанияңыз.",
        ],
        "ru" => [
            "Same as --lang ru (kept for existing scripts).",
            "То же, что --lang ru (оставлено для существующих скриптов).",
            "--lang ru-мен бірдей (бар скрипттер үшін қалдырылған).",
        ],
        "by" => [
            "What the number is: registration (34 characters) or accounting.",
            "Что это за номер: registration (34 символа) или accounting (учётный).",
            "Нөмір түрі: registration (34 таңба) не accounting (есепке алу нөмірі).",
        ],
        "year" => [
            "The invoice's year, as the app's Year field. Default: this year (Kazakhstan time).",
            "Год счёта-фактуры, как поле «Год» в приложении. По умолчанию — текущий год (время Казахстана).",
            "Шот-фактураның жылы, қолданбадағы «Жыл» өрісі сияқты. Әдепкі бойынша — ағымдағы жыл (Қазақстан уақыты).",
        ],
        _ => return None,
    })
}

/// The options whose words differ from command to command.
fn of_command(path: &str, id: &str) -> Option<[&'static str; 3]> {
    Some(match (path, id) {
        ("report", "kind") => [
            "numbers, devices, payments, atlas_pro, reconciliation (e-mailed, waited for), or certificate, register, invoice_search, actions_history (made at once).",
            "numbers, devices, payments, atlas_pro, reconciliation (приходят на e-mail, CLI ждёт их) или certificate, register, invoice_search, actions_history (сразу).",
            "numbers, devices, payments, atlas_pro, reconciliation (e-mail-ге келеді, CLI күтеді) не certificate, register, invoice_search, actions_history (бірден).",
        ],
        ("report", "from") => [
            "The period's first day, YYYY-MM-DD (payments, atlas_pro, reconciliation, actions_history).",
            "Первый день периода, ГГГГ-ММ-ДД (payments, atlas_pro, reconciliation, actions_history).",
            "Кезеңнің бірінші күні, ЖЖЖЖ-АА-КК (payments, atlas_pro, reconciliation, actions_history).",
        ],
        ("report", "to") => [
            "The period's last day, included.",
            "Последний день периода, включительно.",
            "Кезеңнің соңғы күні, қоса алғанда.",
        ],
        ("report", "email") => [
            "Where the portal e-mails the report; default: your profile's e-mail.",
            "Куда портал пришлёт отчёт; по умолчанию — e-mail вашего профиля.",
            "Портал есепті жіберетін e-mail; әдепкі бойынша — профиліңіздің e-mail мекенжайы.",
        ],
        ("report", "payment_type") => [
            "The payments report's numbers: credit or advance.",
            "Номера отчёта о платежах: credit (кредитные) или advance (авансовые).",
            "Төлемдер есебінің нөмірлері: credit (кредиттік) не advance (аванстық).",
        ],
        ("report", "month") => [
            "The month of a certificate, or of a one-month register: YYYY-MM.",
            "Месяц акта или реестра за один месяц: ГГГГ-ММ.",
            "Актінің не бір айлық тізілімнің айы: ЖЖЖЖ-АА.",
        ],
        ("report", "account") => [
            "The certificate's personal account (or give --number).",
            "Лицевой счёт акта (или укажите --number).",
            "Актінің дербес шоты (не --number көрсетіңіз).",
        ],
        ("report", "number") => [
            "The certificate of this number's account; the actions history's rows of this number.",
            "Акт по лицевому счёту этого номера; строки истории действий этого номера.",
            "Осы нөмірдің дербес шоты бойынша акт; әрекеттер тарихының осы нөмірге қатысты жолдары.",
        ],
        ("report", "format") => [
            "The file's format, pdf or xlsx, for the certificate and the reconciliation (default pdf); the other reports are xlsx only.",
            "Формат файла, pdf или xlsx, для акта и акта сверки (по умолчанию pdf); остальные отчёты только xlsx.",
            "Файл пішімі, pdf не xlsx, акт пен салыстыру актісі үшін (әдепкі бойынша pdf); қалған есептер тек xlsx.",
        ],
        ("report", "out") => [
            "Where to write the file: a new file (one that exists is refused, exit 2), or an existing folder (\"name (2).pdf\" when another file has the name). Default: the documents folder in the data folder. Nothing is overwritten.",
            "Куда записать файл: новый файл (существующий — отказ, код 2) или существующая папка («имя (2).pdf», если имя занято). По умолчанию — папка documents в папке данных. Ничего не перезаписывается.",
            "Файлды қайда жазу: жаңа файл (бар файлдан бас тартылады, код 2) не бар қалта (атау бос болмаса «атау (2).pdf»). Әдепкі бойынша — деректер қалтасындағы documents қалтасы. Ештеңе қайта жазылмайды.",
        ],
        ("report", "timeout") => [
            "How long to wait for the report, in seconds.",
            "Сколько ждать отчёт, в секундах.",
            "Есепті қанша күту керек, секундпен.",
        ],
        ("report", "action") => [
            "The actions history's rows of this action, by its name as the history shows it.",
            "Строки истории действий с этим действием, по его названию в истории.",
            "Әрекеттер тарихының осы әрекетке қатысты жолдары, тарихтағы атауы бойынша.",
        ],
        ("report", "invoice") => [
            "The invoice_search's invoice: its registration number, or with --by accounting its accounting number.",
            "Счёт-фактура для invoice_search: регистрационный номер или, с --by accounting, учётный номер.",
            "invoice_search үшін шот-фактура: тіркеу нөмірі не --by accounting болса, есепке алу нөмірі.",
        ],
        ("invoice", "number") => [
            "The invoice's registration number (e.g. ESF-940140000385-20260203-00012345) or, with --by accounting, its accounting number (e.g. 2601-25060854).",
            "Регистрационный номер счёта-фактуры (например, ESF-940140000385-20260203-00012345) или, с --by accounting, учётный номер (например, 2601-25060854).",
            "Шот-фактураның тіркеу нөмірі (мысалы, ESF-940140000385-20260203-00012345) не --by accounting болса, есепке алу нөмірі (мысалы, 2601-25060854).",
        ],
        ("bulk", "service") => [
            "The service of service_on / service_off (its id, e.g. roaming).",
            "Услуга для service_on / service_off (её идентификатор, например roaming).",
            "service_on / service_off қызметі (оның идентификаторы, мысалы roaming).",
        ],
        ("bulk", "ban") => [
            "The ban of ban_on / ban_off: mykcell_details, mykcell or sms_ussd.",
            "Запрет для ban_on / ban_off: mykcell_details, mykcell или sms_ussd.",
            "ban_on / ban_off тыйымы: mykcell_details, mykcell не sms_ussd.",
        ],
        ("bulk", "numbers") => [
            "A file of numbers, one a line, written as people write them (`-` reads stdin).",
            "Файл номеров, по одному в строке, в любой привычной записи (`-` читает stdin).",
            "Нөмірлер файлы, әр жолда біреу, әдеттегідей жазылған (`-` stdin оқиды).",
        ],
        ("bulk", "pairs") => [
            "For sim_replacement: each number with its new SIM's ICCID, a line \"number ICCID\" (or \"number;ICCID\", \"number,ICCID\"), or a CSV / XLSX with those two columns (`-` reads stdin).",
            "Для sim_replacement: каждый номер с ICCID новой SIM-карты, строкой «номер ICCID» (или «номер;ICCID», «номер,ICCID»), или CSV / XLSX с этими двумя столбцами (`-` читает stdin).",
            "sim_replacement үшін: әр нөмір жаңа SIM-картаның ICCID-імен, «нөмір ICCID» жолы (не «нөмір;ICCID», «нөмір,ICCID»), не осы екі бағаны бар CSV / XLSX (`-` stdin оқиды).",
        ],
        ("bulk", "search") => [
            "The numbers list's search over the company's cached list (empty: the whole company).",
            "Поиск по списку номеров компании из кэша (пусто — вся компания).",
            "Кэштегі компания нөмірлері тізімінен іздеу (бос болса — бүкіл компания).",
        ],
        ("bulk", "dry_run") => [
            "Print the preview only; nothing runs and nothing is kept.",
            "Только показать предпросмотр; ничего не выполняется и не сохраняется.",
            "Тек алдын ала қарауды көрсету; ештеңе орындалмайды және сақталмайды.",
        ],
        ("bulk", "yes") => ["Run without asking.", "Выполнить без вопроса.", "Сұрамай орындау."],
        ("bulk", "resume") => [
            "Go on with a run that was cancelled or paused (its id is printed with its preview).",
            "Продолжить прерванный или приостановленный запуск (его id печатается с предпросмотром).",
            "Тоқтатылған не кідіртілген іске қосуды жалғастыру (оның id-і алдын ала қараумен бірге шығады).",
        ],
        ("pending", "resolve") => [
            "Ask the portal about each action (or the KEYs given) with its own key: it replays the answer it gave, or does the action once if it never arrived.",
            "Спросить портал о каждом действии (или о заданных KEY) с его ключом: портал повторит свой ответ или выполнит действие один раз, если оно не дошло.",
            "Порталдан әр әрекет (не берілген KEY) туралы өз кілтімен сұрау: портал берген жауабын қайталайды не әрекет жетпесе, оны бір рет орындайды.",
        ],
        ("pending", "dismiss") => [
            "Forget the KEYs given without asking: only an action more than a day old, which cannot be asked about safely; look for it in the actions history first (`kabinet-cli history`).",
            "Забыть заданные KEY, не спрашивая: только действие старше суток, о котором нельзя безопасно спросить; сначала найдите его в истории действий (`kabinet-cli history`).",
            "Берілген KEY-лерді сұрамай ұмыту: тек бір тәуліктен ескі, қауіпсіз сұрауға болмайтын әрекет; алдымен оны әрекеттер тарихынан іздеңіз (`kabinet-cli history`).",
        ],
        ("pending", "keys") => [
            "The actions' keys (the list's KEY column); none: all of them.",
            "Ключи действий (столбец KEY списка); без них — все.",
            "Әрекеттердің кілттері (тізімнің KEY бағаны); берілмесе — бәрі.",
        ],
        ("labels set", "msisdns") => [
            "The numbers, written as people write them.",
            "Номера, в любой привычной записи.",
            "Нөмірлер, әдеттегідей жазылған.",
        ],
        ("labels set", "employee") => ["Who uses the number.", "Кто пользуется номером.", "Нөмірді кім пайдаланады."],
        ("labels set", "department") => ["The department.", "Отдел.", "Бөлім."],
        ("labels set", "cost_centre_code") => [
            "The cost centre's code (with --cost-centre-name for its name).",
            "Код ЦФО (с --cost-centre-name для его названия).",
            "Шығын орталығының коды (атауы үшін --cost-centre-name).",
        ],
        ("labels set", "cost_centre_name") => [
            "The cost centre's name.",
            "Название ЦФО.",
            "Шығын орталығының атауы.",
        ],
        ("labels set", "add_tags") => [
            "Tags to add, separated by commas.",
            "Теги, которые добавить, через запятую.",
            "Қосылатын тегтер, үтір арқылы.",
        ],
        ("labels set", "remove_tags") => [
            "Tags to take off, separated by commas.",
            "Теги, которые снять, через запятую.",
            "Алынатын тегтер, үтір арқылы.",
        ],
        ("labels import", "file") => [
            "The XLSX or CSV file.",
            "Файл XLSX или CSV.",
            "XLSX не CSV файлы.",
        ],
        ("labels import", "apply") => [
            "Apply the import (without it, only the preview).",
            "Применить импорт (без этого — только предпросмотр).",
            "Импортты қолдану (онсыз — тек алдын ала қарау).",
        ],
        ("spend", "by") => [
            "What spend is broken down by: cost-centre.",
            "По чему разбить расходы: cost-centre (по ЦФО).",
            "Шығыстар немен бөлінеді: cost-centre (шығын орталығы).",
        ],
        ("spend", "from") => [
            "First month, YYYY-MM; default: 11 months before --to.",
            "Первый месяц, ГГГГ-ММ; по умолчанию — за 11 месяцев до --to.",
            "Бірінші ай, ЖЖЖЖ-АА; әдепкі бойынша — --to-дан 11 ай бұрын.",
        ],
        ("spend", "to") => [
            "Last month, YYYY-MM; default: the latest month with a certificate.",
            "Последний месяц, ГГГГ-ММ; по умолчанию — последний месяц с актом.",
            "Соңғы ай, ЖЖЖЖ-АА; әдепкі бойынша — акті бар соңғы ай.",
        ],
        ("spend", "out") => [
            "Where to write the XLSX (a folder: under its own name); default: the documents folder.",
            "Куда записать XLSX (папка — под его собственным именем); по умолчанию — папка documents.",
            "XLSX қайда жазылады (қалта болса — өз атауымен); әдепкі бойынша — documents қалтасы.",
        ],
        ("history", "from") => [
            "The period's first day, YYYY-MM-DD (default: today a month ago, Kazakhstan time).",
            "Первый день периода, ГГГГ-ММ-ДД (по умолчанию — месяц назад от сегодня, время Казахстана).",
            "Кезеңнің бірінші күні, ЖЖЖЖ-АА-КК (әдепкі бойынша — бүгіннен бір ай бұрын, Қазақстан уақыты).",
        ],
        ("history", "to") => [
            "The period's last day, included (default: today).",
            "Последний день периода, включительно (по умолчанию — сегодня).",
            "Кезеңнің соңғы күні, қоса алғанда (әдепкі бойынша — бүгін).",
        ],
        ("history", "number") => [
            "Only the rows of this number (or part of one, written as people write numbers).",
            "Только строки этого номера (или его части, в любой привычной записи).",
            "Тек осы нөмірдің (не оның бөлігінің, әдеттегідей жазылған) жолдары.",
        ],
        ("history", "action") => [
            "Only the rows of this action: its kind's id (e.g. `block`, `service_enable`, `ban_set`, `sim_codes_view`), or a row's text as the history shows it (e.g. \"Number blocking\").",
            "Только строки этого действия: id его вида (например, `block`, `service_enable`, `ban_set`, `sim_codes_view`) или текст строки, как в истории (например, «Блокировка номера»).",
            "Тек осы әрекеттің жолдары: түрінің id-і (мысалы, `block`, `service_enable`, `ban_set`, `sim_codes_view`) не тарихтағыдай жол мәтіні (мысалы, «Нөмірді бұғаттау»).",
        ],
        ("changes", "since") => [
            "From when: a day (YYYY-MM-DD, from its start in Kazakhstan time) or a time (RFC 3339).",
            "С какого момента: день (ГГГГ-ММ-ДД, с его начала по времени Казахстана) или время (RFC 3339).",
            "Қай кезден: күн (ЖЖЖЖ-АА-КК, Қазақстан уақытымен басынан) не уақыт (RFC 3339).",
        ],
        ("changes", "kind") => [
            "Only this kind: added, gone, state, tariff, debt, low_balance, spend_rise or dormant.",
            "Только этот вид: added, gone, state, tariff, debt, low_balance, spend_rise или dormant.",
            "Тек осы түр: added, gone, state, tariff, debt, low_balance, spend_rise не dormant.",
        ],
        ("changes", "number") => ["Only this number.", "Только этот номер.", "Тек осы нөмір."],
        ("spend import", "files") => ["The files.", "Файлы.", "Файлдар."],
        _ => return None,
    })
}
