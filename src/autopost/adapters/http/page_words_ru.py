"""The web pages' words in Russian: each English text of the templates and page modules, and
its Russian. A text with ``%(name)s`` keeps the same names; HTML in a text (``<code>``,
``<strong>``, a link) stays in its Russian too. ``RUSSIAN_PLURALS`` gives a count's three
forms (one: 1, 21; few: 2-4, 22-24; many: 5-20, 11-14, 0), keyed by the English singular."""

from __future__ import annotations

from collections.abc import Mapping

RUSSIAN: Mapping[str, str] = {
    # Every page: the header and the menus.
    "Skip to content": "К содержимому",
    "Account": "Аккаунт",
    "Profile": "Профиль",
    "Edit profile": "Изменить профиль",
    "Settings": "Настройки",
    "Integrations": "Интеграции",
    "API keys": "Ключи API",
    "Users and groups": "Пользователи и группы",
    "Sign out": "Выйти",
    "Publishing": "Публикации",
    "Calendar": "Календарь",
    "New post": "Новая публикация",
    "Queues": "Очереди",
    "Approvals": "Одобрение",
    "Connected accounts": "Подключённые аккаунты",
    "Media": "Медиа",
    # API keys.
    "Your new API key “%(name)s”. Copy it now: it is not shown again.": (
        "Ваш новый ключ API «%(name)s». Скопируйте его сейчас: больше он показан не будет."
    ),
    "Send it as <code>Authorization: Token …</code> on API calls.": (
        "Передавайте его в запросах к API как <code>Authorization: Token …</code>."
    ),
    "Name of a new key": "Название нового ключа",
    "Create key": "Создать ключ",
    "Your keys": "Ваши ключи",
    "Name": "Название",
    "Created": "Создан",
    "(unnamed)": "(без названия)",
    "Revoke %(name)s": "Отозвать %(name)s",
    "this key": "этот ключ",
    "Revoke": "Отозвать",
    "No API keys.": "Ключей API нет.",
    "Key revoked": "Ключ отозван",
    # Not allowed, notices.
    "Not allowed": "Нет доступа",
    "Your role does not allow this page. An administrator can give you another role.": (
        "Ваша роль не даёт доступа к этой странице. Другую роль может назначить администратор."
    ),
    "Back to your profile": "Назад в профиль",
    "Not saved": "Не сохранено",
    "The form held text that cannot be stored (%(fields)s). Nothing was changed.": (
        "В форме был текст, который нельзя сохранить (%(fields)s). Ничего не изменено."
    ),
    "Back to the form": "Назад к форме",
    # Integrations.
    "Service": "Сервис",
    "Key": "Ключ",
    "Check": "Проверить",
    "saved": "сохранён",
    "not set": "не задан",
    "Check the saved %(service)s key": "Проверить сохранённый ключ %(service)s",
    "Platform": "Платформа",
    "Status": "Статус",
    "No platform account is connected yet.": "Ни один аккаунт платформы пока не подключён.",
    "active": "действует",
    "needs_reconnect": "нужно подключить заново",
    # Sign in and out.
    "Sign in": "Войти",
    "Username or e-mail": "Имя пользователя или e-mail",
    "Password": "Пароль",
    "Sign in with Google": "Войти через Google",
    "Signed in as %(username)s. Use the “Sign out” button above to end this session.": (
        "Вы вошли как %(username)s. Чтобы завершить сеанс, нажмите «Выйти» вверху."
    ),
    "The form expired: sign in again.": "Форма устарела: войдите ещё раз.",
    # Profile and settings.
    "Username": "Имя пользователя",
    "E-mail": "E-mail",
    "Groups": "Группы",
    "Joined": "Зарегистрирован",
    "Last sign-in": "Последний вход",
    "First name": "Имя",
    "Last name": "Фамилия",
    "Telegram username": "Имя пользователя в Telegram",
    "Save": "Сохранить",
    "Current password": "Текущий пароль",
    "New password": "Новый пароль",
    "New password again": "Новый пароль ещё раз",
    "Every other session and API token of yours ends when the password changes.": (
        "При смене пароля все ваши другие сеансы и токены API перестают действовать."
    ),
    "Change password": "Сменить пароль",
    "Profile saved": "Профиль сохранён",
    # Settings: notifications by Telegram and e-mail.
    "Notifications": "Уведомления",
    "No Telegram bot is set up on this server.": "На этом сервере не настроен бот Telegram.",
    "Linked to the Telegram chat of %(name)s.": "Привязан чат Telegram %(name)s.",
    "Unlink Telegram": "Отвязать Telegram",
    "Your Telegram chat is not linked.": "Ваш чат Telegram не привязан.",
    "Send this message to %(bot)s in Telegram within 15 minutes:": (
        "Отправьте это сообщение %(bot)s в Telegram в течение 15 минут:"
    ),
    "the bot": "боту",
    "Open the bot in Telegram": "Открыть бота в Telegram",
    "The code works once. This page does not show it again.": (
        "Код действует один раз. Эта страница больше его не покажет."
    ),
    "Get a code to link Telegram": "Получить код для привязки Telegram",
    "No mail server is set up on this server: e-mail is not sent.": (
        "На этом сервере не настроен почтовый сервер: письма не отправляются."
    ),
    "What reaches you, about your own posts and accounts": (
        "Что вам приходит о ваших публикациях и аккаунтах"
    ),
    "Event": "Событие",
    "A daily digest by e-mail: what was published and what failed in the last 24 hours": (
        "Ежедневная сводка на почту: что опубликовано и что не удалось за последние 24 часа"
    ),
    "About every account, not only mine": "Обо всех аккаунтах, а не только о моих",
    "Language of the messages": "Язык сообщений",
    "Save notifications": "Сохранить уведомления",
    "Notifications saved": "Уведомления сохранены",
    "Telegram unlinked": "Telegram отвязан",
    "A post was not published": "Публикация не опубликована",
    "An account must be reconnected": "Аккаунт нужно подключить заново",
    "An account's access runs out soon": "Доступ аккаунта скоро истекает",
    "A post was published": "Публикация опубликована",
    "A post was put off (quota or rate limit)": "Публикация отложена (квота или лимит запросов)",
    "A post was scheduled": "Публикация запланирована",
    "A post waits for approval": "Публикация ждёт одобрения",
    "A post was approved": "Публикация одобрена",
    "A post was sent back": "Публикация возвращена",
    "An Instagram sync finished": "Синхронизация Instagram завершена",
    "New comments": "Новые комментарии",
    "A webhook of mine was turned off": "Мой вебхук отключён",
    "Saved": "Сохранено",
    "Time zone": "Часовой пояс",
    "Your time zone": "Ваш часовой пояс",
    "An IANA name such as Europe/Berlin or America/New_York. The calendar shows every time in "
    "it.": (
        "Название по IANA, например Europe/Moscow или America/New_York. Календарь показывает "
        "всё время в нём."
    ),
    "This browser is in <span data-browser-zone-name></span>.": (
        "Этот браузер в поясе <span data-browser-zone-name></span>."
    ),
    "Use this browser's time zone": "Взять часовой пояс браузера",
    "Integration keys": "Ключи интеграций",
    "Keys are stored encrypted and never shown again. Leave a field empty to keep the saved key.": (
        "Ключи хранятся зашифрованными и больше не показываются. Оставьте поле пустым, чтобы "
        "сохранённый ключ остался."
    ),
    "Saved:": "Сохранён:",
    "remove the saved %(key)s": "удалить сохранённый ключ: %(key)s",
    "Not set": "Не задан",
    "Production address": "Адрес production",
    "Sandbox address": "Адрес sandbox",
    "Active system": "Рабочая система",
    "Calendar address": "Адрес календаря",
    "Observer mode": "Режим наблюдателя",
    "Save settings": "Сохранить настройки",
    "Instagram access token": "Токен доступа Instagram",
    "Pinterest access token": "Токен доступа Pinterest",
    "Gemini API key": "Ключ API Gemini",
    "ClickUp API key": "Ключ API ClickUp",
    "Notion integration token": "Токен интеграции Notion",
    "Huntflow production API key": "Ключ API Huntflow production",
    "Huntflow sandbox API key": "Ключ API Huntflow sandbox",
    # Users and groups.
    "%(active)d active.": "активных: %(active)d.",
    "User": "Пользователь",
    "(superuser)": "(суперпользователь)",
    "Groups of %(username)s": "Группы пользователя %(username)s",
    "Save groups": "Сохранить группы",
    "Audit log": "Журнал действий",
    "When": "Когда",
    "Who": "Кто",
    "What": "Что",
    # Approvals.
    "Posts awaiting approval, the soonest first. Approving one schedules it for its time (or "
    "publishes it as soon as possible once that has passed); sending one back returns it to "
    "its author with your comment.": (
        "Публикации, ждущие одобрения, ближайшие первыми. Одобренная публикация "
        "запланирована на своё время (а если оно прошло, выходит как можно скорее); "
        "возвращённая уходит автору с вашим комментарием."
    ),
    "Your posts awaiting approval, and those a reviewer sent back to you with a comment. Edit "
    "a returned post to submit it again.": (
        "Ваши публикации, ждущие одобрения, и те, что проверяющий вернул вам с комментарием. "
        "Исправьте возвращённую публикацию, чтобы отправить её снова."
    ),
    "Post %(id)s": "Публикация %(id)s",
    "Reviewer's comment": "Комментарий проверяющего",
    "Approve post %(id)s": "Одобрить публикацию %(id)s",
    "Approve": "Одобрить",
    "What to change": "Что изменить",
    "Send back post %(id)s": "Вернуть публикацию %(id)s",
    "Send back": "Вернуть",
    "No post is awaiting approval.": "Одобрения не ждёт ни одна публикация.",
    "None of your posts is awaiting approval or sent back.": (
        "Ни одна ваша публикация не ждёт одобрения и не возвращена."
    ),
    "as soon as it is approved": "как только будет одобрена",
    "(none)": "(нет)",
    "(from the template)": "(по шаблону)",
    "Type": "Тип",
    "Carousel item": "Элемент карусели",
    "Image": "Изображение",
    # A publication's status (the calendar's, the approval page's, the post page's words).
    "Scheduled": "Запланирована",
    "Published": "Опубликована",
    "Failed": "Не удалась",
    "Cancelled": "Отменена",
    "Draft": "Черновик",
    "Awaiting approval": "Ждёт одобрения",
    "Sent back": "Возвращена",
    "Being published": "Публикуется",
    "Waiting for approval": "Ждёт одобрения",
    "Sent back for changes": "Возвращена на доработку",
    "scheduled": "запланирована",
    "processing": "публикуется",
    "published": "опубликована",
    "failed": "не удалась",
    "cancelled": "отменена",
    "draft": "черновик",
    "awaiting approval": "ждёт одобрения",
    "returned": "возвращена",
    # The calendar.
    "Needs attention": "Требует внимания",
    "Due in the next 24 hours: %(count)d": "В ближайшие 24 часа: %(count)d",
    "Nothing is due.": "Ничего не запланировано.",
    "Failed: %(count)d": "Не удались: %(count)d",
    "No reason was recorded.": "Причина не записана.",
    "Retry the post to %(account)s due %(when)s": "Повторить публикацию в %(account)s на %(when)s",
    "Retry": "Повторить",
    "No post failed.": "Неудавшихся публикаций нет.",
    "Accounts to reconnect: %(count)d": "Аккаунты, которые нужно подключить заново: %(count)d",
    "Reconnect %(account)s": "Подключить заново %(account)s",
    "Every account is connected.": "Все аккаунты подключены.",
    "Instagram publishing quota today": "Квота публикаций Instagram на сегодня",
    "%(used)d of %(limit)d in the last 24 hours": "%(used)d из %(limit)d за последние 24 часа",
    "No Instagram account is connected.": "Ни один аккаунт Instagram не подключён.",
    'Times are in %(zone)s (<a href="/accounts/settings/">change your time zone</a>).': (
        'Время указано в поясе %(zone)s (<a href="/accounts/settings/">сменить часовой пояс</a>).'
    ),
    "Calendar pages": "Страницы календаря",
    "Previous month": "Предыдущий месяц",
    "Previous week": "Предыдущая неделя",
    "Today": "Сегодня",
    "Next month": "Следующий месяц",
    "Next week": "Следующая неделя",
    "Week view": "По неделям",
    "Month view": "По месяцам",
    "Accounts": "Аккаунты",
    "No account is connected.": "Ни один аккаунт не подключён.",
    "Platforms": "Платформы",
    "Show": "Показать",
    "%(title)s: every publication, by day": "%(title)s: все публикации по дням",
    "Move": "Перенести",
    "the post to %(account)s at %(time)s": "публикацию в %(account)s в %(time)s",
    "New date": "Новая дата",
    "New time": "Новое время",
    "Week of %(first)s to %(last)s": "Неделя с %(first)s по %(last)s",
    "Moving the post…": "Публикация переносится…",
    "The post was not moved (%(status)s).": "Публикация не перенесена (%(status)s).",
    "The post was not moved: Autopost could not be reached.": (
        "Публикация не перенесена: Autopost недоступен."
    ),
    "The post was moved.": "Публикация перенесена.",
    "The publication will be tried again now.": "Публикация будет сейчас повторена.",
    "Give the new date (YYYY-MM-DD) and time (HH:MM).": (
        "Укажите новую дату (ГГГГ-ММ-ДД) и время (ЧЧ:ММ)."
    ),
    # Compose.
    "Edit post %(id)s": "Изменить публикацию %(id)s",
    "The post goes to these accounts; to reach another, duplicate it.": (
        "Публикация уходит в эти аккаунты; чтобы опубликовать в другом, сделайте копию."
    ),
    'No account is connected yet: <a href="/connected-accounts/">connect one</a> first.': (
        'Ни один аккаунт пока не подключён: сначала <a href="/connected-accounts/">подключите '
        "аккаунт</a>."
    ),
    "Content type": "Тип содержимого",
    "Media addresses": "Адреса медиа",
    "Public https addresses the platform fetches; one per line for a carousel (2 to 10).": (
        "Публичные адреса https, которые скачает платформа; для карусели по одному в строке "
        "(от 2 до 10)."
    ),
    "Media previews": "Просмотр медиа",
    "Preview of %(url)s": "Просмотр %(url)s",
    "Caption": "Подпись",
    "%(count)d / %(limit)d characters": "%(count)d / %(limit)d символов",
    "%(count)d / %(limit)d hashtags": "%(count)d / %(limit)d хэштегов",
    "People tagged": "Отмеченные люди",
    "One Instagram username per line:": "По одному имени пользователя Instagram в строке:",
    "%(count)d / %(limit)d people": "%(count)d / %(limit)d человек",
    "Collaborators": "Соавторы",
    "Up to 3 Instagram usernames, one per line, without the @: the post shows on their "
    "profiles once they accept (not for a Story).": (
        "До 3 имён пользователей Instagram, по одному в строке, без @: публикация появится "
        "в их профилях, когда они примут приглашение (не для историй)."
    ),
    "For a photo or a pin: at most 1,000 characters on Instagram, 500 on Pinterest.": (
        "Для фото или пина: не больше 1000 символов в Instagram и 500 в Pinterest."
    ),
    "Reel or video": "Reels или видео",
    "Cover image address": "Адрес обложки",
    "A public https address; empty: a frame of the video.": (
        "Публичный адрес https; пусто — кадр из видео."
    ),
    "Audio name": "Название аудио",
    "The name of the reel's original audio; Instagram lets it be named once.": (
        "Название оригинального аудио в Reels; Instagram позволяет задать его один раз."
    ),
    "First comment": "Первый комментарий",
    "Written on the Instagram post right after it is published (not for a Story).": (
        "Пишется под публикацией в Instagram сразу после её выхода (не для историй)."
    ),
    "Pin title": "Заголовок пина",
    "(a longer title is cut on a word)": "(более длинный заголовок обрезается по слову)",
    "Pin description": "Описание пина",
    "empty: the caption": "пусто — берётся подпись",
    "Link": "Ссылка",
    "Image description (alt text)": "Описание изображения (alt-текст)",
    "Topic": "Тема",
    "Chooses the board named after it (else a board's section named after it), unless a "
    "board is picked below.": (
        "Выбирает доску с таким названием (а если её нет — раздел доски с таким названием), "
        "если доска не выбрана ниже."
    ),
    "%(board)s › section %(section)s": "%(board)s › раздел %(section)s",
    "Board for %(account)s": "Доска для %(account)s",
    "By topic": "По теме",
    "A caption of its own for an account": "Отдельная подпись для аккаунта",
    "Caption for %(account)s (%(platform)s)": "Подпись для %(account)s (%(platform)s)",
    "Empty: the caption above.": "Пусто — подпись выше.",
    "At a date and time": "В указанные дату и время",
    "Date": "Дата",
    "Time (%(zone)s)": "Время (%(zone)s)",
    "In your time zone, %(zone)s. Leave both empty to publish as soon as possible (a draft "
    "then has no time yet).": (
        "В вашем часовом поясе, %(zone)s. Оставьте оба поля пустыми, чтобы опубликовать как "
        "можно скорее (у черновика тогда ещё нет времени)."
    ),
    "In the next free posting slot of each account": (
        "В ближайший свободный слот публикации каждого аккаунта"
    ),
    "Repeat": "Повтор",
    "A post that repeats goes to one account, from the date and time above, in %(zone)s: "
    "09:00 stays 09:00 there across daylight-saving changes.": (
        "Повторяющаяся публикация уходит в один аккаунт, начиная с даты и времени выше, в "
        "поясе %(zone)s: 09:00 остаётся 09:00 и при переходе на летнее время."
    ),
    "None": "Нет",
    "Daily": "Каждый день",
    "Weekly on given days": "Каждую неделю в указанные дни",
    "Monthly": "Каждый месяц",
    "By a rule (RFC 5545 RRULE, advanced)": "По правилу (RFC 5545 RRULE, для опытных)",
    "Every how many days, weeks or months": "Через сколько дней, недель или месяцев",
    "On these days (weekly; none: the first date's day)": (
        "В эти дни (еженедельно; если не выбраны — в день первой даты)"
    ),
    "Rule (RRULE)": "Правило (RRULE)",
    "Without DTSTART: the first time is the date and time above. DAILY or rarer; the rule may "
    "carry its own end (UNTIL or COUNT).": (
        "Без DTSTART: первый раз — дата и время выше. DAILY или реже; правило может задавать "
        "свой конец (UNTIL или COUNT)."
    ),
    "Ends": "Окончание",
    "After": "После",
    "Number of times": "Число раз",
    "On a last date": "В последний день",
    "Last date": "Последний день",
    "Save changes": "Сохранить изменения",
    "Schedule": "Запланировать",
    "Save as draft": "Сохранить черновик",
    "Where your posts need a Publisher's approval, scheduling submits the post for approval "
    "instead.": (
        "Если ваши публикации требуют одобрения публикатора, планирование отправляет "
        "публикацию на одобрение."
    ),
    "Photo (a pin on Pinterest)": "Фото (пин в Pinterest)",
    "Photo": "Фото",
    "Video": "Видео",
    "Reel": "Reels",
    "Carousel": "Карусель",
    "Story": "История",
    "Mon": "Пн",
    "Tue": "Вт",
    "Wed": "Ср",
    "Thu": "Чт",
    "Fri": "Пт",
    "Sat": "Сб",
    "Sun": "Вс",
    "Nothing was saved: see what is said next to the fields.": (
        "Ничего не сохранено: смотрите пояснения у полей."
    ),
    "Give both a date and a time, or neither.": "Укажите и дату, и время — или ничего.",
    "Give the date as YYYY-MM-DD and the time as HH:MM.": (
        "Укажите дату как ГГГГ-ММ-ДД и время как ЧЧ:ММ."
    ),
    "Choose at least one account.": "Выберите хотя бы один аккаунт.",
    "Give the new date and time.": "Укажите новые дату и время.",
    "Give the last date as YYYY-MM-DD.": "Укажите последний день как ГГГГ-ММ-ДД.",
    "Give how many times as a whole number.": "Укажите число раз целым числом.",
    "Say when it ends: a last date, or a number of times.": (
        "Укажите, когда повтор заканчивается: последний день или число раз."
    ),
    "Write the rule, e.g. FREQ=WEEKLY;BYDAY=MO,TH.": (
        "Напишите правило, например FREQ=WEEKLY;BYDAY=MO,TH."
    ),
    "Every how many: a whole number.": "Через сколько: целое число.",
    "A post that repeats goes to one account: choose only one, or choose None under Repeat.": (
        "Повторяющаяся публикация уходит в один аккаунт: выберите только один или выберите "
        "«Нет» в разделе «Повтор»."
    ),
    "A post that repeats is neither a draft nor put in the next free slot: give its first "
    "date and time and schedule it, or choose None under Repeat.": (
        "Повторяющаяся публикация не бывает черновиком и не ставится в свободный слот: "
        "укажите первые дату и время и запланируйте её или выберите «Нет» в разделе «Повтор»."
    ),
    "Give the date and time of the first time: the post repeats from it.": (
        "Укажите дату и время первого раза: публикация повторяется начиная с него."
    ),
    # The post page.
    "Times in %(zone)s. Created %(when)s.": "Время в поясе %(zone)s. Создана %(when)s.",
    "Part of a series": "Часть серии",
    "This post is one time of recurring series %(id)s (%(status)s):": (
        "Эта публикация — один из повторов серии %(id)s (%(status)s):"
    ),
    "every %(interval)s": "каждые %(interval)s",
    "on %(days)s": "по дням: %(days)s",
    "until %(when)s": "до %(when)s",
    "in %(zone)s": "в поясе %(zone)s",
    "daily": "ежедневно",
    "weekly": "еженедельно",
    "monthly": "ежемесячно",
    "The series in the API": "Серия в API",
    "Times ahead": "Ближайшие повторы",
    "(this post)": "(эта публикация)",
    "None made yet.": "Пока ни одного.",
    "On each account": "В каждом аккаунте",
    "No time yet": "Время ещё не задано",
    "On %(platform)s": "В %(platform)s",
    "Attempts": "Попытки",
    "Next attempt": "Следующая попытка",
    "Problem": "Проблема",
    "What to do:": "Что делать:",
    "What is published here": "Что здесь публикуется",
    "The media": "Медиа",
    "Title": "Заголовок",
    "Description": "Описание",
    "Retry on %(account)s": "Повторить в %(account)s",
    "Cancel on %(account)s": "Отменить в %(account)s",
    "Change the post": "Действия с публикацией",
    "Edit the post": "Изменить публикацию",
    "Cancel the post": "Отменить публикацию",
    "Duplicate as a new draft": "Копировать в новый черновик",
    "Reschedule": "Перенести",
    "Every account": "Все аккаунты",
    "%(account)s only": "Только %(account)s",
    "Written once the post is published": "Будет написан после выхода публикации",
    "Being written": "Пишется",
    "Written": "Написан",
    "Not written": "Не написан",
    # The timeline's lines (compose_pages.MOMENT_WORDS).
    "Planned on this account": "Запланирована в этом аккаунте",
    "Publishing asked of the platform": "Платформу попросили опубликовать",
    "A problem, to be tried again": "Проблема, будет повторено",
    # The audit log's actions about a post, as the timeline shows them.
    "Saved as a draft": "Сохранён как черновик",
    "Submitted for approval": "Отправлен на согласование",
    "Approved": "Одобрен",
    "Changed": "Изменён",
    "Retried": "Отправлен повторно",
    "What happened": "Что происходило",
    "on %(account)s": "в аккаунте %(account)s",
    "by %(who)s": "%(who)s",
    "Autopost tries again at %(when)s.": "Autopost повторит попытку %(when)s.",
    # A step of work in the timeline (attempt_words.py): what was asked, what came of it.
    "Asked the platform to prepare the media": "Платформу попросили подготовить медиа",
    "Asked whether the platform has finished processing the media": (
        "Платформу спросили, закончила ли она обработку медиа"
    ),
    "Asked the platform to publish": "Платформу попросили опубликовать",
    "ready: it waits for its time": "готово: ждёт своего времени",
    "still processing the media": "медиа ещё обрабатывается",
    "it cannot take the post yet": "публикацию пока нельзя принять",
    "the account's publishing quota is spent": "квота публикаций аккаунта исчерпана",
    "it asked for a pause (rate limit)": "платформа попросила паузу (ограничение частоты)",
    "a problem that may pass": "проблема, которая может пройти",
    "refused": "отказано",
    "it refused the account's access": "платформа отклонила доступ аккаунта",
    "Tried again": "Повторено",
    "Duplicated as a new draft": "Скопировано в новый черновик",
    "Rescheduled": "Перенесено",
    "Every time to come is changed": "Все предстоящие повторы изменены",
    "The series is stopped": "Серия остановлена",
    "Description of every time to come": "Описание всех предстоящих повторов",
    "Caption of every time to come": "Подпись всех предстоящих повторов",
    "The times edited on their own keep what they have.": (
        "Повторы, изменённые по отдельности, сохраняют свои изменения."
    ),
    "Change every time to come": "Изменить все предстоящие повторы",
    "Stop the series": "Остановить серию",
    "Stopping cancels every time to come; what was published stays.": (
        "Остановка отменяет все предстоящие повторы; опубликованное остаётся."
    ),
    "No such post": "Нет такой публикации",
    "There is no such post: it may never have existed.": (
        "Такой публикации нет: возможно, её никогда и не было."
    ),
    "Back to the calendar": "Назад к календарю",
    # What to do about a failed publication (application/posting/desk.py's advice).
    "Reconnect the account (Connected accounts), then press Retry.": (
        "Подключите аккаунт заново («Подключённые аккаунты»), затем нажмите «Повторить»."
    ),
    "Check that the media is at a public https address in a format the platform takes (edit "
    "the post if not), then press Retry.": (
        "Проверьте, что медиа лежит по публичному адресу https и в формате, который принимает "
        "платформа (если нет — измените публикацию), затем нажмите «Повторить»."
    ),
    "The platform asked for a pause; press Retry later, or let Autopost try again.": (
        "Платформа попросила паузу: нажмите «Повторить» позже или дождитесь, пока Autopost "
        "повторит сам."
    ),
    "Check the pin's board (refresh the account's boards, or pick another), then retry.": (
        "Проверьте доску пина (обновите доски аккаунта или выберите другую), затем повторите."
    ),
    "Fix what the message says (edit the post if needed), then press Retry.": (
        "Исправьте то, о чём говорит сообщение (при необходимости измените публикацию), затем "
        "нажмите «Повторить»."
    ),
    "Autopost tries again by itself at the next attempt.": (
        "Autopost повторит сам при следующей попытке."
    ),
    # Connected accounts.
    "Connect an account": "Подключить аккаунт",
    "You are sent to the platform to allow Autopost to publish, then back here.": (
        "Вы перейдёте на платформу, чтобы разрешить Autopost публиковать, и вернётесь сюда."
    ),
    "Connect Instagram (%(login)s)": "Подключить Instagram (%(login)s)",
    "Connect Pinterest": "Подключить Pinterest",
    "State:": "Состояние:",
    "healthy": "в порядке",
    "the token is valid until %(date)s and renewed by Autopost": (
        "токен действует до %(date)s и продлевается Autopost"
    ),
    "the token is valid until %(date)s": "токен действует до %(date)s",
    "the token expires on %(date)s": "токен истекает %(date)s",
    ": reconnect the account before then.": ": подключите аккаунт заново до этого дня.",
    "needs reconnecting": "нужно подключить заново",
    "Account id %(id)s, connected with %(login)s.": (
        "Id аккаунта %(id)s, подключён через %(login)s."
    ),
    "Account id %(id)s, in Pinterest's %(environment)s.": (
        "Id аккаунта %(id)s, в среде Pinterest %(environment)s."
    ),
    "sandbox": "sandbox",
    "production": "production",
    "Posts by Contributors to it wait for approval.": (
        "Публикации авторов в этот аккаунт ждут одобрения."
    ),
    "Posts by Contributors to it need no approval unless approval is on everywhere.": (
        "Публикациям авторов в этот аккаунт одобрение не нужно, если оно не включено для всех."
    ),
    "Stop requiring approval for %(account)s": "Не требовать одобрения для %(account)s",
    "Require approval for %(account)s": "Требовать одобрения для %(account)s",
    "Disconnect %(account)s": "Отключить %(account)s",
    "Boards": "Доски",
    "Board": "Доска",
    "Board id": "Id доски",
    "Sections": "Разделы",
    "none": "нет",
    "Board section": "Раздел доски",
    "%(board)s, section %(section)s": "%(board)s, раздел %(section)s",
    "A topic that names no board but names a section goes into that section (the one on the "
    "board <code>%(fallback)s</code> first, then on the default board).": (
        "Тема, которая не называет доску, но называет раздел, отправляет пин в этот раздел "
        "(сначала — раздел на доске <code>%(fallback)s</code>, затем на доске по умолчанию)."
    ),
    "From": "Откуда",
    "(default)": "(по умолчанию)",
    "the account's pins": "пины аккаунта",
    "given by hand": "заданы вручную",
    "No board is stored for this account yet.": (
        "Для этого аккаунта пока не сохранено ни одной доски."
    ),
    "<strong>How a pin finds its board:</strong> the board named like the pin's topic "
    "(capitals do not matter); if there is none, the board named <code>%(fallback)s</code>;": (
        "<strong>Как пин находит доску:</strong> доска с названием, как у темы пина "
        "(регистр букв не важен); если такой нет — доска <code>%(fallback)s</code>;"
    ),
    "if there is none, the default board (%(board)s).": (
        "если нет и её — доска по умолчанию (%(board)s)."
    ),
    "if there is none, the default board — this account has none, so the pin is refused.": (
        "если нет и её — доска по умолчанию, но у этого аккаунта её нет, и пин отклоняется."
    ),
    "A pin given a board id goes to that board.": "Пин с указанным id доски уходит на эту доску.",
    "Which board does a topic go to?": "На какую доску уйдёт тема?",
    "Show the board": "Показать доску",
    "A pin on the topic “%(topic)s” goes to: <strong>%(board)s</strong>.": (
        "Пин на тему «%(topic)s» уйдёт на: <strong>%(board)s</strong>."
    ),
    "none: such a pin is refused (give it a board, add the board, or set a default board)": (
        "никуда: такой пин отклоняется (укажите ему доску, добавьте доску или задайте доску по "
        "умолчанию)"
    ),
    "Refresh the boards from Pinterest": "Обновить доски из Pinterest",
    "Boards given by hand, one a line": "Доски, заданные вручную, по одной в строке",
    "The board's name, =, and its numeric id, e.g. <code>Recipes = 1234567890</code>. A board "
    "of the same name is replaced; the others are kept. Refreshing from Pinterest keeps them.": (
        "Название доски, = и её числовой id, например <code>Рецепты = 1234567890</code>. Доска "
        "с тем же названием заменяется, остальные сохраняются. Обновление из Pinterest их не "
        "трогает."
    ),
    "Write one board a line: its name, =, and its numeric board id (e.g. Recipes = 1234).": (
        "Пишите по одной доске в строке: название, = и числовой id доски (например, "
        "Рецепты = 1234)."
    ),
    "Not like that: %(lines)s.": "Так нельзя: %(lines)s.",
    "(no name)": "(без названия)",
    "Save the boards": "Сохранить доски",
    "Default board": "Доска по умолчанию",
    "Save the default board": "Сохранить доску по умолчанию",
    "No account is connected yet.": "Ни один аккаунт пока не подключён.",
    # Media and comments.
    "Instagram media": "Медиа Instagram",
    "Media seen: %(seen)d; new or changed: %(changed)d; gone from Instagram: %(deleted)d.": (
        "Просмотрено медиа: %(seen)d; новых или изменённых: %(changed)d; удалённых из "
        "Instagram: %(deleted)d."
    ),
    "Instagram kept failing, so the sync stopped part way; the next sync goes on from there.": (
        "Instagram раз за разом отвечал ошибкой, и синхронизация остановилась на полпути; "
        "следующая продолжит с этого места."
    ),
    "Account to sync": "Аккаунт для синхронизации",
    "Sync now": "Синхронизировать",
    "Filter the media": "Отбор медиа",
    "Any": "Любой",
    "Origin": "Происхождение",
    "From (day)": "С (день)",
    "To (day)": "По (день)",
    "Filter": "Отобрать",
    "Instagram media %(id)s": "Медиа Instagram %(id)s",
    "post %(id)s": "публикация %(id)s",
    "Comments (%(count)d)": "Комментарии (%(count)d)",
    "On %(day)s: %(views)s views, %(reach)s reached, %(likes)s likes, %(saved)s saves": (
        "На %(day)s: просмотров %(views)s, охват %(reach)s, лайков %(likes)s, сохранений %(saved)s"
    ),
    "every day": "по дням",
    "on Instagram": "в Instagram",
    "Older media": "Более ранние медиа",
    "No media matches.": "Подходящих медиа нет.",
    "No media matches: no Instagram account is connected.": (
        "Подходящих медиа нет: ни один аккаунт Instagram не подключён."
    ),
    "Published by Autopost": "Опубликовано через Autopost",
    "Found on the account": "Найдено в аккаунте",
    "Give a date as YYYY-MM-DD.": "Укажите дату как ГГГГ-ММ-ДД.",
    "Choose published or synced.": "Выберите published или synced.",
    "That page no longer exists: start again.": "Этой страницы больше нет: начните сначала.",
    "Comments": "Комментарии",
    "Comments on a %(kind)s of %(date)s": "Комментарии: %(kind)s от %(date)s",
    "Back to the media": "Назад к медиа",
    "Refresh the comments from Instagram": "Обновить комментарии из Instagram",
    "someone": "кто-то",
    "hidden": "скрыт",
    "Show the comment of %(who)s: %(text)s": "Показать комментарий %(who)s: %(text)s",
    "Hide the comment of %(who)s: %(text)s": "Скрыть комментарий %(who)s: %(text)s",
    "Hide": "Скрыть",
    "Delete the comment of %(who)s: %(text)s": "Удалить комментарий %(who)s: %(text)s",
    "Delete": "Удалить",
    "Reply to %(who)s": "Ответить %(who)s",
    "this comment": "на этот комментарий",
    "Reply": "Ответить",
    "No comment yet.": "Комментариев пока нет.",
    # Queues.
    "Queues and posting slots": "Очереди и слоты публикации",
    "A post put “in the queue” takes its account's next free slot. The queue is the "
    "account's scheduled posts that sit in its slots, soonest first.": (
        "Публикация, поставленная «в очередь», занимает ближайший свободный слот аккаунта. "
        "Очередь — это запланированные публикации аккаунта в его слотах, ближайшие первыми."
    ),
    "Slots every week, in <strong>%(zone)s</strong>:": (
        "Слоты каждую неделю, в поясе <strong>%(zone)s</strong>:"
    ),
    "This account has no posting slots (time zone %(zone)s): posts cannot be put in its queue.": (
        "У этого аккаунта нет слотов публикации (часовой пояс %(zone)s): в его очередь "
        "публикации не поставить."
    ),
    "This account has no posting slots: posts cannot be put in its queue.": (
        "У этого аккаунта нет слотов публикации: в его очередь публикации не поставить."
    ),
    "Queue": "Очередь",
    "Move up post %(id)s": "Поднять публикацию %(id)s",
    "Move up": "Выше",
    "Move down post %(id)s": "Опустить публикацию %(id)s",
    "Move down": "Ниже",
    "Shuffle the queue of %(account)s": "Перемешать очередь %(account)s",
    "The queue is empty.": "Очередь пуста.",
    "Edit the slots of %(account)s": "Изменить слоты %(account)s",
    "An IANA name, e.g. Europe/Berlin or America/New_York.": (
        "Название по IANA, например Europe/Moscow или America/New_York."
    ),
    "Slots, one a line": "Слоты, по одному в строке",
    "A weekday (mon, tue, wed, thu, fri, sat, sun) and a time on a 24-hour clock, e.g. "
    "<code>mon 09:00</code>. Leave it empty for no slots. Posts already scheduled do not "
    "move.": (
        "День недели по-английски (mon, tue, wed, thu, fri, sat, sun) и время в 24-часовом "
        "формате, например <code>mon 09:00</code>. Оставьте пустым, чтобы слотов не было. "
        "Уже запланированные публикации не сдвигаются."
    ),
    "Save the slots": "Сохранить слоты",
    'No account is connected yet. <a href="/connected-accounts/">Connect one</a>.': (
        'Ни один аккаунт пока не подключён. <a href="/connected-accounts/">Подключите аккаунт</a>.'
    ),
    "List the queue's post numbers, separated by commas.": (
        "Перечислите номера публикаций очереди через запятую."
    ),
    # After connecting an account (connect_answers.py).
    "%(platform)s connected": "%(platform)s подключён",
    "%(platform)s not connected": "%(platform)s не подключён",
    "The %(platform)s account is connected: %(names)s. Posts can now be scheduled for it.": (
        "Аккаунт %(platform)s подключён: %(names)s. Теперь для него можно планировать публикации."
    ),
    "The %(platform)s accounts are connected: %(names)s. Posts can now be scheduled for them.": (
        "Аккаунты %(platform)s подключены: %(names)s. Теперь для них можно планировать публикации."
    ),
    "See your connected accounts": "К подключённым аккаунтам",
    "Back to your connected accounts": "Назад к подключённым аккаунтам",
    # Webhooks.
    "Webhooks": "Вебхуки",
    (
        "Autopost sends the events you choose to each address below, signed as the Standard "
        "Webhooks specification says, and tries again for three days when the receiver does "
        "not answer."
    ): (
        "Autopost отправляет выбранные события на каждый адрес ниже, с подписью по спецификации "
        "Standard Webhooks, и повторяет попытки три дня, если получатель не отвечает."
    ),
    "The webhook is added. Its signing secret, shown this once: copy it now.": (
        "Вебхук добавлен. Его секрет для подписи показан только сейчас: скопируйте его."
    ),
    "Endpoints": "Адреса",
    "Events": "События",
    "every event": "все события",
    "enabled": "включён",
    "disabled": "выключен",
    "Why": "Причина",
    "Deliveries": "Доставки",
    "Disable": "Выключить",
    "Enable": "Включить",
    "Remove": "Удалить",
    "No webhook yet.": "Вебхуков пока нет.",
    "Deliveries to %(url)s": "Доставки на %(url)s",
    "Answer": "Ответ",
    "Latency": "Задержка",
    "Next try": "Следующая попытка",
    "Send again": "Отправить снова",
    "Nothing was sent to it yet.": "На этот адрес ещё ничего не отправлялось.",
    "Add a webhook": "Добавить вебхук",
    "URL": "URL",
    "Events (none chosen: every event)": "События (если ничего не выбрано: все)",
    "Add": "Добавить",
    "A post was scheduled on one or more accounts.": (
        "Публикация запланирована в одном или нескольких аккаунтах."
    ),
    "A post is on the platform (its id, and its permalink).": (
        "Публикация размещена на платформе (её id и постоянная ссылка)."
    ),
    "A post could not be published: why, and what to do.": (
        "Публикацию не удалось разместить: почему и что делать."
    ),
    "A post waits for the platform (a quota or rate limit) and is tried again later.": (
        "Публикация ждёт платформу (квота или ограничение частоты) и будет повторена позже."
    ),
    "A post waits for a reviewer's approval.": "Публикация ждёт одобрения.",
    "A reviewer approved a post: it is scheduled.": "Публикация одобрена и запланирована.",
    "A reviewer sent a post back with a comment.": "Публикация возвращена с комментарием.",
    "A connected account must be connected again.": "Подключённый аккаунт нужно подключить заново.",
    "A connected account's token expires within a week and cannot be renewed by Autopost.": (
        "Токен подключённого аккаунта истекает в течение недели, и Autopost не может его обновить."
    ),
    "An Instagram account's media and comments were brought in.": (
        "Медиа и комментарии аккаунта Instagram загружены."
    ),
    "A sync found new comments on an account's media.": (
        "Синхронизация нашла новые комментарии к медиа аккаунта."
    ),
    "A webhook endpoint kept failing and was disabled.": (
        "Адрес вебхука долго не принимал доставки и был выключен."
    ),
    # Reports.
    "Reports": "Отчёты",
    "First day": "Первый день",
    "Last day": "Последний день",
    "Download as CSV": "Скачать в CSV",
    "All accounts": "Все аккаунты",
    "Late": "С опозданием",
    "On time": "Вовремя",
    "Waiting": "Ожидают",
    "Publications": "Публикации",
    "Lateness, median": "Опоздание, медиана",
    "Lateness, 99th percentile": "Опоздание, 99-й процентиль",
    "No posts in this period.": "За этот период публикаций нет.",
    "Publishing from %(first)s to %(last)s": "Публикации с %(first)s по %(last)s",
    "Posts due in the period, days in %(zone)s. On time: at most a minute late.": (
        "Публикации, время которых приходится на период; дни по часовому поясу %(zone)s. "
        "Вовремя: не позже чем через минуту."
    ),
    "%(on_time)s %% on time, %(late)s %% late, %(failed)s %% failed, %(waiting)s %% waiting": (
        "%(on_time)s %% вовремя, %(late)s %% с опозданием, %(failed)s %% не удались, "
        "%(waiting)s %% ожидают"
    ),
    "Account to reconnect": "Аккаунт нужно подключить заново",
    "Rate limits and quota": "Ограничения частоты и квота",
    "The last day of the period must not come before its first.": (
        "Последний день периода не может быть раньше первого."
    ),
    # Best time to post.
    "Back to connected accounts": "К подключённым аккаунтам",
    "Best time to post": "Лучшее время для публикации",
    "Best time to post on %(account)s": "Лучшее время для публикации в %(account)s",
    "Day": "День",
    "The week by the hour": "Неделя по часам",
    "Next best time: %(when)s (%(zone)s).": "Ближайшее лучшее время: %(when)s (%(zone)s).",
    "Nothing to go by yet: a time is suggested once insights are collected.": (
        "Пока не на что опереться: время будет предложено, когда соберётся статистика."
    ),
    "From %(days)s days of followers online and %(posts)s posts, in %(zone)s; darker is better.": (
        "По %(days)s дн. подписчиков в сети и %(posts)s публикациям, в поясе %(zone)s; "
        "чем темнее, тем лучше."
    ),
    # Insights in reports.
    "Insights": "Статистика",
    "Reach": "Охват",
    "Views": "Просмотры",
    "Likes": "Отметки «Нравится»",
    "Shares": "Репосты",
    "Impressions": "Показы",
    "Saves": "Сохранения",
    "Pin clicks": "Клики по пину",
    "Outbound clicks": "Переходы по ссылке",
    # The media library.
    "Media library": "Медиатека",
    (
        "Files uploaded to Autopost, for posts to use: a post names one as "
        "<code>library:ID</code> where it would give a media address, and Autopost hands the "
        "platform a link to it when it publishes."
    ): (
        "Файлы, загруженные в Autopost для публикаций: публикация называет файл как "
        "<code>library:ID</code> там, где указала бы адрес медиа, и при публикации Autopost "
        "передаёт платформе ссылку на него."
    ),
    "File to upload": "Файл для загрузки",
    "A JPEG or PNG image, or an MP4 or QuickTime video.": (
        "Изображение JPEG или PNG либо видео MP4 или QuickTime."
    ),
    "Upload": "Загрузить",
    (
        "Publishers and Administrators upload and delete files; you can see them and use them "
        "in your posts."
    ): (
        "Загружают и удаляют файлы издатели и администраторы; вы можете их смотреть и "
        "использовать в своих публикациях."
    ),
    "Kind": "Вид",
    "Size": "Размер",
    "Uploaded": "Загружен",
    "Reference": "Ссылка",
    "Used by": "Используется в",
    "no post to be published": "ни одной публикации, ждущей выхода",
    "Use in a new post": "Использовать в новой публикации",
    "Delete…": "Удалить…",
    "A post still to be published uses this file: change or cancel it first.": (
        "Этот файл использует публикация, которая ещё не вышла: сначала измените или отмените её."
    ),
    "Delete %(name)s for good": "Удалить %(name)s насовсем",
    "Delete for good": "Удалить насовсем",
    "Library pages": "Страницы медиатеки",
    "Newer files": "Более новые файлы",
    "Page %(number)d of %(pages)d": "Страница %(number)d из %(pages)d",
    "Older files": "Более старые файлы",
    "The library has no file yet.": "В медиатеке пока нет файлов.",
    "Choose a file to upload.": "Выберите файл для загрузки.",
    "CSRF token missing or incorrect.": "Токен CSRF отсутствует или неверен.",
}

RUSSIAN_PLURALS: Mapping[str, tuple[str, str, str]] = {
    "%(num)d user": (
        "%(num)d пользователь",
        "%(num)d пользователя",
        "%(num)d пользователей",
    ),
    "%(num)d member": ("%(num)d участник", "%(num)d участника", "%(num)d участников"),
    "%(num)d time": ("%(num)d раз", "%(num)d раза", "%(num)d раз"),
}
