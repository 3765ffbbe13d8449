"""Word lists the recogniser and the incident extractor read text with.

Written by hand, in the spelling a reader would use; everything is folded
with :func:`geokit._text.fold_name` before use, so hamza, ta marbuta, alef
and Persian letter variants need not be listed twice.  Each list says what
a word *is* (a cue, a month, a title, an organisation …); the rules that use
them live in :mod:`geokit.extraction` and :mod:`geokit.incidents`.
"""

from __future__ import annotations

# --- Arabic clitics -------------------------------------------------------------

#: Conjunctions and prepositions written joined to the next word, with the article.
#: A word may start with one of these sequences before a place name.
ARABIC_PREFIXES: tuple[str, ...] = (
    "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك",
    "ال", "وال", "فال", "بال", "كال", "وبال", "فبال", "وكال",
    "لل", "ولل", "فلل",
)
#: Prefixes that carry the article (ال, or لل = ل + ال with the alef elided).
ARTICLE_PREFIXES: frozenset[str] = frozenset(p for p in ARABIC_PREFIXES if p.endswith("ال") or p.endswith("لل"))

#: First words of compound names that writers join or split (كفر نوران / كفرنوران).
COMPOUND_HEADS: tuple[str, ...] = (
    "كفر", "تل", "عين", "دير", "خان", "بيت", "جسر", "رأس", "راس", "أم", "ام", "أبو", "ابو",
    "بئر", "بير", "خربة", "خربه", "مزرعة", "قصر", "جب", "عرب", "مشهد", "سد", "حوش", "معرة", "معرت",
    "قلعة", "باب", "بني", "تلة", "عيون", "جبل", "وادي", "سهل", "ضهر", "كوم", "برج",
)

# --- place-type cues ----------------------------------------------------------------

_CITY = ("city", "town")
_TOWN = ("town", "village", "city")
_VILLAGE = ("village", "town")
_NBHD = ("neighbourhood",)
_GOV = ("governorate",)
_ANY = ()

#: Cue word -> kinds it points to (empty: a place of any kind follows).
PLACE_CUES: dict[str, tuple[str, ...]] = {
    # Arabic
    "مدينة": _CITY, "مدينتي": _CITY, "مدن": _CITY, "المدينة": _CITY, "بلدة": _TOWN, "بلدتي": _TOWN,
    "بلدات": _TOWN, "قرية": _VILLAGE, "قريتي": _VILLAGE, "قرى": _VILLAGE, "القرية": _VILLAGE,
    "حي": _NBHD, "حيي": _NBHD, "أحياء": _NBHD, "الحي": _NBHD, "ريف": (), "ريفي": (), "أرياف": (),
    "محور": _ANY, "محاور": _ANY, "جبهة": _ANY, "جبهات": _ANY, "ناحية": ("subdistrict",),
    "منطقة": _ANY, "منطقتي": _ANY, "مناطق": _ANY, "محافظة": _GOV, "محافظتي": _GOV, "محافظات": _GOV,
    "طريق": _ANY, "أوتوستراد": _ANY, "مخيم": ("camp",), "مطار": ("military", "landmark"),
    "قاعدة": ("military", "landmark"), "بادية": ("region",), "باديتي": ("region",), "سهل": ("region",),
    "جبل": ("region", "landmark"), "تلة": _ANY, "مزرعة": ("village",), "مزارع": ("village",),
    "أطراف": _ANY, "محيط": _ANY, "ضواحي": _ANY, "أطراف مدينة": _CITY, "مشارف": _ANY, "تخوم": _ANY,
    "بالقرب من": _ANY, "قرب": _ANY, "مركز": _ANY, "منطقه": _ANY, "معبر": _ANY, "حاجز": _ANY,
    "مدخل": _ANY, "داخل": _ANY, "جنوبي": _ANY, "شمالي": _ANY, "شرقي": _ANY, "غربي": _ANY,
    "جنوب": _ANY, "شمال": _ANY, "شرق": _ANY, "غرب": _ANY, "نحو": _ANY, "باتجاه": _ANY,
    # Persian
    "شهر": _CITY, "روستای": _VILLAGE, "روستا": _VILLAGE, "روستاهای": _VILLAGE, "استان": _GOV,
    "استانهای": _GOV, "حومه": _ANY, "محله": _NBHD, "شهرک": _TOWN, "شهرستان": ("district",),
    "مناطق": _ANY, "اطراف": _ANY, "نزدیکی": _ANY,
    # English
    "city": _CITY, "town": _TOWN, "village": _VILLAGE, "villages": _VILLAGE, "countryside": (),
    "axis": _ANY, "front": _ANY, "road": _ANY, "province": _GOV, "governorate": _GOV,
    "district": ("district", "neighbourhood"), "neighbourhood": _NBHD, "neighborhood": _NBHD,
    "camp": ("camp",), "base": ("military",), "airport": ("military", "landmark"), "outskirts": _ANY,
    "near": _ANY, "area": _ANY, "region": _ANY, "towns": _TOWN, "cities": _CITY, "countrysides": (),
}

#: Cues that name the rural hinterland of a governorate or city (ريف حلب).
COUNTRYSIDE_CUES: frozenset[str] = frozenset({"ريف", "ريفي", "أرياف", "countryside", "حومه"})
#: Cues after which a common-word name counts as a place (the strong ones).
STRONG_CUES: frozenset[str] = frozenset(
    w for w in PLACE_CUES if w not in {"نحو", "باتجاه", "داخل", "مركز", "near", "area", "region"}
)

# --- directions ----------------------------------------------------------------------

#: Direction word -> compass code.  Adjective and noun forms, Arabic, Persian, English.
DIRECTIONS: dict[str, str] = {
    "شمال": "N", "شمالي": "N", "الشمالي": "N", "الشمالية": "N", "جنوب": "S", "جنوبي": "S",
    "الجنوبي": "S", "الجنوبية": "S", "شرق": "E", "شرقي": "E", "الشرقي": "E", "الشرقية": "E",
    "غرب": "W", "غربي": "W", "الغربي": "W", "الغربية": "W",
    "north": "N", "northern": "N", "south": "S", "southern": "S", "east": "E", "eastern": "E",
    "west": "W", "western": "W", "northwest": "NW", "northeast": "NE", "southwest": "SW",
    "southeast": "SE", "northwestern": "NW", "northeastern": "NE", "southwestern": "SW",
    "southeastern": "SE",
}

# --- never places ---------------------------------------------------------------------

#: Month names: Gregorian (Egyptian and Levantine forms), Persian solar, Hijri; English.
MONTHS: dict[str, int] = {
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "ابريل": 4, "مايو": 5, "يونيو": 6,
    "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "آغسطس": 8, "سبتمبر": 9, "أكتوبر": 10,
    "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7,
    "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12,
    # Persian renderings of the Gregorian months
    "ژانویه": 1, "فوریه": 2, "آوریل": 4, "مه": 5, "ژوئن": 6, "ژوئیه": 7, "اوت": 8, "سپتامبر": 9,
    "اکتبر": 10, "نوامبر": 11, "دسامبر": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
#: Persian solar (Hijri shamsi) months, numbered from Farvardin.
PERSIAN_MONTHS: dict[str, int] = {
    "فروردین": 1, "اردیبهشت": 2, "خرداد": 3, "تیر": 4, "مرداد": 5, "شهریور": 6, "مهر": 7,
    "آبان": 8, "آذر": 9, "دی": 10, "بهمن": 11, "اسفند": 12,
}
#: Hijri months: never places, not converted.
HIJRI_MONTHS: tuple[str, ...] = (
    "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "ربيع الثاني", "جمادى الأولى", "جمادى الآخرة",
    "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة", "تشرين", "كانون",
)

#: Weekday name -> Python weekday (Monday = 0).
WEEKDAYS: dict[str, int] = {
    "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4,
    "السبت": 5, "الأحد": 6,
    "دوشنبه": 0, "fa:سه شنبه": 1, "fa:سهشنبه": 1, "چهارشنبه": 2, "پنجشنبه": 3, "پنج شنبه": 3,
    "fa:جمعه": 4, "fa:شنبه": 5, "یکشنبه": 6, "یک شنبه": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}

#: Relative day words -> offset in days from the reference date.
RELATIVE_DAYS: dict[str, int] = {
    "أمس": -1, "الأمس": -1, "البارحة": -1, "اليوم": 0, "أول أمس": -2, "أول من أمس": -2,
    "دیروز": -1, "امروز": 0, "پریروز": -2, "yesterday": -1, "today": 0,
}
#: Words before a date that mark it as background, not the date of the report.
SINCE_WORDS: frozenset[str] = frozenset({"منذ", "عام", "العام", "سنة", "مطلع", "since", "in", "از", "سال"})

#: Nationality and sect adjectives (masculine stem without the article).
#: Inflected forms (ية، يون، يين …) are generated; countries in world.csv add theirs.
NISBA_STEMS: tuple[str, ...] = (
    "سوري", "روسي", "تركي", "إيراني", "عراقي", "لبناني", "أردني", "أمريكي", "أميركي", "فرنسي",
    "بريطاني", "إسرائيلي", "فلسطيني", "أفغاني", "باكستاني", "كردي", "عربي", "إسلامي", "شيعي",
    "سني", "علوي", "درزي", "مسيحي", "شامي", "حلبي", "إدلبي", "حمصي", "حموي", "ديري", "رقاوي",
    "حوراني", "دمشقي", "ساحلي", "جولاني", "أوروبي", "غربي", "شرقي", "شمالي", "جنوبي", "دولي",
    "أممي", "قطري", "سعودي", "إماراتي", "مصري", "ليبي", "صيني", "ألماني", "أوكراني", "تركماني",
    "شيشاني", "أوزبكي", "إيغوري", "تركستاني", "آشوري", "سرياني", "أرمني", "بدوي", "عشائري",
    "حكومي", "عسكري", "جوي", "بري", "بحري", "مدني", "محلي", "إقليمي", "ميداني", "إنساني",
    # Persian forms of the commonest (ending in ی, folded to ي)
    "سوری", "روسی", "ترکی", "ایرانی", "عراقی", "آمریکایی", "امریکایی",
)
#: Endings added to a nisba stem (folded forms: ة/ه, ى/ي are one letter).
NISBA_ENDINGS: tuple[str, ...] = ("", "ة", "ه", "ين", "ون", "ات", "يا")

#: Given names: the words after one of these are a person's name, not a place.
GIVEN_NAMES: frozenset[str] = frozenset("""
محمد أحمد احمد محمود مصطفى عثمان خالد حسين حسام سامر ماهر بشار حافظ رامي إسماعيل اسماعيل إبراهيم
ابراهيم يوسف سليمان داود زكريا عبدالله عبدالرحمن عبدالكريم عبدالقادر رجب فلاديمير دميتري ديمتري
أوليغ سيرغي سيرجي ميخائيل ألكسندر أليكسندر إيغور نيكولاي دونالد باراك أنطونيو فيصل نبيل نزار
فراس فادي زياد ياسر ياسين أيمن أسامة اسامة بسام هشام عماد مازن منذر مهند مؤيد هيثم وسيم بلال
تامر رياض شادي عدنان علاء غسان لؤي مأمون معاذ مهدي نادر وضاح فاطمة زينب مريم عائشة خديجة سارة
ليلى لينا حسان أبومحمد محمدرضا علیرضا حسین اسماعیل مظلوم جيهان
mohammed muhammad mohamed mohammad ahmad ahmed mahmoud mustafa mostafa othman khalid khaled
hussein husam samer maher bashar hafez rami ismail ibrahim yusuf youssef suleiman sulaiman
abdullah abdulrahman abdulkarim abdulkader vladimir dmitry sergei sergey mikhail alexander
igor nikolai donald barack antonio faisal nabil nizar firas fadi ziad yasser ayman osama bassam
hisham imad mazen hamza mazloum
""".split())
#: Surnames famous enough to mark a person on their own.
FAMOUS_SURNAMES: frozenset[str] = frozenset("""
بوتين أردوغان إردوغان اردوغان لافروف شويغو بيسكوف ترامب بايدن أوباما خامنئي روحاني ظريف
عراقجي سليماني نصرالله الجولاني البغدادي ماكرون ميركل غوتيريش بيدرسن دي ميستورا إغناسيوك
assad putin erdogan lavrov shoigu peskov trump biden obama khamenei rouhani zarif soleimani
nasrallah jolani julani baghdadi macron merkel guterres pedersen
""".split())

#: Titles and roles before a person's name (the name that follows is masked).
PERSON_TITLES: frozenset[str] = frozenset("""
الرئيس رئيس الرئيسين الرائد رائد العقيد عقيد العميد عميد النقيب نقيب الملازم المقدم مقدم
اللواء العماد الفريق الشيخ شيخ الناشط ناشط الناشطة المتحدث الناطق الوزير وزير السفير المبعوث
القيادي قيادي القائد قائد المدعو السيد الدكتور الصحفي الإعلامي المراسل مراسل الأمير أمير
الرئيسة النائب نائب مستشار المستشار الجنرال جنرال الأدميرال الحاج المهندس المحامي الأستاذ
سردار سرتیپ سرلشکر آقای سخنگوی وزیر رئیس
president general colonel major captain minister spokesman spokesperson commander sheikh
mr mrs ms dr lieutenant
""".split())

#: Words that start a named organisation; the name that follows is masked.
ORG_HEADS: frozenset[str] = frozenset("""
لواء كتائب كتيبة فيلق حركة تجمع سرايا تنظيم وكالة قناة صحيفة جريدة إذاعة شبكة مجلة تلفزيون
عملية عمليات غرفة خبرگزاری روزنامه شبکه
""".split())

#: Named organisations, media, military operations: never places.
ORGANISATIONS: tuple[str, ...] = (
    "هيئة تحرير الشام", "تحرير الشام", "جبهة النصرة", "النصرة", "جبهة فتح الشام", "فتح الشام",
    "أحرار الشام", "فيلق الشام", "جيش الإسلام", "جيش العزة", "جيش الأحرار", "صقور الشام",
    "نور الدين الزنكي", "حراس الدين", "الحزب الإسلامي التركستاني", "أنصار التوحيد",
    "الجبهة الوطنية للتحرير", "الجبهة الشامية", "الجيش الوطني", "الجيش الوطني السوري",
    "الجيش الحر", "الجيش السوري الحر", "الفتح المبين", "فجر الحرية", "ردع العدوان",
    "لواء القدس", "لواء فاطميون", "فاطميون", "لواء زينبيون", "زينبيون", "حزب الله", "لواء الباقر",
    "الحرس الثوري", "قوات سوريا الديمقراطية", "قسد", "وحدات حماية الشعب", "داعش",
    "تنظيم الدولة", "الدولة الإسلامية", "درع الفرات", "غصن الزيتون", "نبع السلام", "درع الربيع",
    "الشرق الأوسط", "الأناضول", "العربي الجديد", "الأيام السورية", "عنب بلدي", "سانا",
    "فرانس برس", "رويترز", "المرصد السوري", "المرصد السوري لحقوق الإنسان", "سبوتنيك",
    "روسيا اليوم", "الجزيرة نت", "سكاي نيوز", "العربية نت", "إباء", "شام", "الخوذ البيضاء",
    "الدفاع المدني", "الهلال الأحمر", "الأمم المتحدة", "مجلس الأمن", "حلف الناتو", "الناتو",
    "هیات تحریر الشام", "هیئت تحریر الشام", "جبهه النصره", "جبهة النصره", "مشرق", "تسنیم",
    "ایرنا", "ایسنا", "فارس", "مهر", "العالم", "المنار", "الميادين نت",
    "hayat tahrir al sham", "tahrir al sham", "nusra", "nusra front", "al nusra", "anadolu",
    "reuters", "afp", "sana", "associated press", "al monitor", "syrian observatory",
    "euphrates shield", "olive branch", "peace spring", "middle east eye", "asharq al awsat",
    "ahrar al sham", "faylaq al sham", "sham legion", "jaysh al islam", "jaish al islam",
    "jabhat al nusra", "jabhat fatah al sham", "jabhat fateh al sham", "jaysh al izza",
    "jaish al izza", "liwa al quds", "quds brigade", "hurras al din", "hezbollah", "hizbollah",
    "islamic state", "free syrian army", "syrian national army", "national liberation front",
    "white helmets", "syrian civil defence", "turkistan islamic party", "al jazeera", "al arabiya",
    "al mayadeen", "enab baladi", "step news", "sputnik", "tass", "ria novosti",
)

#: Cue words that are never place names themselves, with their definite forms.
CUE_WORDS_NOT_PLACES: tuple[str, ...] = tuple(PLACE_CUES)

#: Function words, pronouns, particles, verbs and numbers that a village may share:
#: never taken as places unless a strong cue precedes them.
FUNCTION_WORDS: frozenset[str] = frozenset("""
في من إلى الى على عن مع بين حتى منذ بعد قبل حيث أن إن أنه إنه لم لن قد كل بعض غير عبر نحو ضد حول
دون خلال عند لدى أمام خلف فوق تحت وسط ضمن لدى إثر اثر عقب جراء بسبب رغم أي أية هذا هذه ذلك
تلك هؤلاء الذي التي الذين اللواتي ما ماذا لماذا كيف متى أين هنا هناك ثم أو أم بل لكن لكنه
كان كانت يكون تكون كانوا ليس ليست قال قالت يقول أعلن أعلنت أفاد أفادت أكد أكدت أشار أشارت أضاف
أضافت ذكر ذكرت نقل نقلت تابع تابعت أوضح أوضحت قتل قتلت جرح أصيب أصيبت سقط سقطت دارت جرى جرت
تم يتم وقع وقعت شن شنت نفذ نفذت استهدف استهدفت هاجم هاجمت سيطر سيطرت تقدم تقدمت انسحب انسحبت
اليوم أمس غدا الآن حاليا مساء صباح فجر ظهر ليلة ليل نهار يوم أيام أسبوع شهر سنة عام ساعة ساعات
دقيقة واحد اثنان اثنين ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة عشرين ثلاثين أربعين خمسين
مئة مائة ألف آلاف مليون
عليه عليها عليهم منه منها منهم فيه فيها فيهم إليه إليها لها له به بها عنه عنها معه معها لديه لديها
هو هي هم نحن أنا أنت الذي الذين وهو وهي
أبرز أكثر أقل أكبر أصغر أهم أول آخر أخرى آخرين أعلى أدنى أقرب أبعد أشد أعنف أوسع أحدث أفضل أسوأ
جديد جديدة عنيف عنيفة كبير كبيرة واسع واسعة متواصل متواصلة مستمر مستمرة مكثف مكثفة كثيف
مجموعة مجموعات سلسلة عدد عدة بعض جميع كافة معظم أغلب نصف ربع ثلث
علیه برابر درباره همچنین همزمان گزارش شماری جمله بیش کمتر بیشتر
و در به از با که این آن را برای تا بر هم نیز یا اما پس پیش میان روی زیر کنار نزدیک حدود خود
همه هر چند یک دو سه چهار پنج شش هفت هشت نه ده است بود شد شدند کرد کردند دارد داشت می
""".split())

#: Common Arabic and Persian news words that are also village names somewhere:
#: taken as places only with evidence (a cue, a direction, a place beside them).
COMMON_WORDS: frozenset[str] = frozenset("""
المدينة البلدة القرية المنطقة الحي الريف المحور الجبهة الناحية المحافظة الطريق المركز الجديدة
القديمة الكبرى الصغرى الكبير الصغير الوسطى الأوسط الوسط الحدود المعبر المطار القاعدة الجسر
الدوار الساحة السوق المسجد الجامع الكنيسة المدرسة المشفى المستشفى البحر النهر الجبل السهل
الوادي البادية الصحراء الجزيرة الساحل الشام السلام النصر الحرية الوحدة الثورة البعث الشهداء
الشهيد الأمل الفرقان الإسلام الخير النور الهدى الرحمة الأمن الأمان الصمود التحرير العودة
الكرامة الفتح الاتحاد العروبة الوطن الشعب الدولة الحكومة الجيش القوات النظام المعارضة الفصائل
الحرب المعركة المعارك الهجوم القصف الغارة الطيران الضربة الاشتباكات القتال السيطرة الانسحاب
التقدم الهدنة الاتفاق التفاهم الخط الخطوط النقطة النقاط الموقع المواقع المقر المخيم الحاجز
الكتيبة اللواء الفرقة الفيلق السرية العمليات العملية المرصد الوكالة القناة الصحيفة المصدر
المصادر الأهالي السكان المدنيين الأطفال الحصار الماء الكهرباء الخبز القافلة الرتل الدبابة
الصواريخ القذائف الهاون المدفعية الأسلحة الألغام العبوة السيارة الطائرة المسيرة الأرض السماء
الشمس القمر النجمة الهلال الورد الزيتون التين العنب الرمان التفاح النخيل القمح القطن الخضر
الحمراء الحمرا البيضاء البيضا السوداء الخضراء الزرقاء الصفراء الأحمر الأبيض الأسود الأخضر
العين البئر التل الرأس الباب البيت الدار القصر القلعة البرج الحصن الحمام الطاحونة المزرعة
المعمل المصنع الشركة المحطة الملعب الحديقة المقبرة الفندق الجامعة الكلية المعهد الإدارة
الرئاسة الوزارة الخارجية الداخلية الدفاع العدل الصحة التربية الزراعة الثقافة الإعلام
الرابعة الخامسة الأولى الثانية الثالثة الأول الثاني الثالث الرابع الخامس الأخيرة الأخير
العمر الحرب الشعلة الصخرة الغد الحدث العربية الوطنية الشرق الغرب الشمال الجنوب الميادين
الأنصار المهاجرين الصالحين المجاهدين الأبطال الأحرار الثوار الفرات دجلة العاصي الخابور
الجولان الساحل الداخل الخارج المحيط الأطراف الضواحي الصناعية الزراعية السكنية العسكرية
الطبية التجارية الرسمية الشعبية المحلية العامة الخاصة الكبيرة الصغيرة الواسعة القريبة البعيدة
مدينة بلدة قرية منطقة حي ريف محور جبهة ناحية محافظة طريق مركز جديدة كبير صغير وسط حدود باب
سوق جامع بحر نهر جبل سهل وادي عين بئر تل رأس بيت دار قصر قلعة برج حمام مزرعة سلام نصر حرية
وحدة ثورة شهداء أمل خير نور أمن كرامة فتح شعب دولة جيش قوات نظام حرب معركة هجوم قصف غارة
طيران نقطة موقع مقر مخيم حاجز لواء فرقة مرصد مصدر نار دم ماء خبز قمر شمس نجم ورد زيتون تين
عنب رمان حمراء بيضاء سوداء خضراء عمر جمعة جمعه رجب شباط نيسان تموز آذار آب أيار حزيران
کشور شهرها جنگ نیرو نیروها ارتش گروه گروهها دولت مردم دفاع حمله آتش امنیت صلح آزادی
منطقه مناطق اشغال مرکز شمال جنوب شرق غرب میدان خیابان دروازه مسجد بازار خانه راه جاده
""".split())

#: English words that are capitalised at the start of a sentence or as proper
#: nouns but are not places (the Latin matcher needs a capital letter anyway).
ENGLISH_COMMON: frozenset[str] = frozenset("""
the a an in on at of to from by for with and or but as if when after before during since while
meanwhile however according earlier later local government opposition regime army forces rebels
syrian russian turkish iranian kurdish arab american israeli french british iraqi lebanese
he she it they we this that these those there here his her its their our news report reports
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december ministry defence defense observatory state
islamic front national liberation democratic council committee united nations security
al el as ad at ash bab tal ain deir kafr beit jisr ras umm abu khan tell jabal wadi
""".split())
#: The words of :data:`ENGLISH_COMMON` that are parts of Latin place names (Kafr Nabl, Tal
#: Abyad, al-Bab): ambiguous alone, but they do not end a run of capitalised name words.
ENGLISH_NAME_PARTS: frozenset[str] = frozenset(
    "al el as ad at ash bab tal ain deir kafr beit jisr ras umm abu khan tell jabal wadi".split())
#: Capitalised English words that are not parts of a place name either (titles, bodies).
ENGLISH_NOT_NAMES: frozenset[str] = frozenset("""
president minister prime foreign spokesman general colonel commander leader mr mrs dr
agency agencies media television tv press times post sources source activists activist monitor
free army brigade brigades division battalion regiment militia militias party movement group
human rights helmets civil crescent red cross ceasefire operation spring shield peace euphrates
""".split())
#: English words before "of" that make the name after it a place: "the village of X",
#: "north-west of X", "the outskirts of X".
ENGLISH_OF_CUES: frozenset[str] = frozenset("""
village villages town towns city cities countryside countrysides outskirts suburbs suburb district
districts neighbourhood neighbourhoods neighborhood neighborhoods area areas region province
governorate camp vicinity edge edges north south east west northeast northwest southeast southwest
northern southern eastern western
""".split())
#: English words right before a place: "near X", "around X".
ENGLISH_BEFORE_CUES: frozenset[str] = frozenset("near around outside towards toward nearby".split())
#: English words right after a place: "X village", "X countryside".
ENGLISH_AFTER_CUES: frozenset[str] = frozenset("""
village town city countryside district neighbourhood neighborhood area camp front axis province
governorate region outskirts plain plains villages towns
""".split())

# --- incidents ---------------------------------------------------------------------------------
# Each entry: a folded word start; "*" at the end allows any ending (verb and noun forms).

INCIDENT_TRIGGERS: dict[str, tuple[str, ...]] = {
    "clash": (
        "اشتباك*", "اشتبك*", "يشتبك*", "تشتبك*", "معارك", "معركة", "مواجهات", "مواجهة", "اقتتال",
        "تبادل لإطلاق النار", "تبادل إطلاق النار", "كر وفر", "قتال", "صدت", "صدوا", "يصد", "تصدي*",
        "التصدي", "تصد",
        "درگیری*", "درگیر*", "نبرد*", "clash*", "fighting", "fought", "battle*", "firefight*",
        "repelled", "repulsed",
    ),
    "shelling": (
        "قصف*", "قذائف", "قذيفة", "مدفعي*", "المدفعية", "هاون", "راجمات", "راجمة", "صواريخ",
        "صاروخ*", "قصفت", "يقصف", "تقصف", "الفيل",
        "توپخانه*", "خمپاره*", "گلوله باران*", "گلولهباران*", "موشک*", "shell*", "artillery", "mortar*", "rocket*",
        "bombard*",
    ),
    "airstrike": (
        "غارة", "غارات", "الطيران الحربي", "طائرات حربية", "الطائرات الحربية", "مقاتلة حربية",
        "قصف جوي", "ضربات جوية", "ضربة جوية", "حمله هوایی", "حملات هوایی", "بمباران*",
        "airstrike*", "air strike*", "air raid*", "bombed", "bombing*",
    ),
    "drone_strike": (
        "مسيرة", "مسيرات", "طائرة مسيرة", "طائرات مسيرة", "الطيران المسير", "درون", "درونز",
        "پهپاد*", "drone*", "uav*",
    ),
    "explosion": (
        "انفجار*", "تفجير*", "عبوة ناسفة", "عبوات ناسفة", "ناسفة", "مفخخة", "مفخخات", "لغم",
        "ألغام", "انتحاري*", "انفجر*", "بمبگذاری*", "بمب گذاری*", "explosion*", "explod*", "blast*", "ied", "ieds",
        "car bomb*", "landmine*", "suicide bomb*",
    ),
    "attack": (
        "هجوم*", "هجمات", "هاجم*", "يهاجم*", "تهاجم*", "استهداف*", "استهدف*", "يستهدف*", "تستهدف*",
        "كمين", "تسلل*", "اغتيال*", "مضادة للدروع", "محاولة تقدم", "محاولات تقدم", "fa:حمله*",
        "fa:حملات", "attack*", "ambush*", "assault*", "targeted", "targeting", "raid*",
    ),
    "capture": (
        "سيطر", "سيطرت", "سيطروا", "السيطرة", "استعاد*", "استعادة", "يستعيد*", "تقدم", "تقدمت",
        "تقدموا", "التقدم", "دخول", "دخل*", "حرر*", "استولى*", "الاستيلاء", "اقتحم*", "اقتحام",
        "بسط*", "تسلط*", "آزادسازی*", "آزاد کردند", "captur*", "seiz*", "took control", "taken control", "retook",
        "recaptur*", "advanc*", "entered", "overran", "overrun",
    ),
    "withdrawal": (
        "انسحب*", "انسحاب*", "تنسحب*", "ينسحب*", "تراجع*", "أخلت", "أخلى", "إخلاء", "عقب نشینی*",
        "عقبنشینی*", "عقب راندن", "withdr*", "retreat*", "pulled out", "pull out",
    ),
}
#: Words that make a ceasefire violation when a violation verb and a truce word meet.
VIOLATION_WORDS: tuple[str, ...] = ("خرق*", "خروق*", "انتهاك*", "نقض*", "violat*", "breach*")
TRUCE_WORDS: tuple[str, ...] = (
    "وقف إطلاق النار", "وقف لإطلاق النار", "الهدنة", "هدنة", "اتفاق*", "التفاهم*", "آتش بس",
    "توافق*", "ceasefire", "cease fire", "truce",
)
#: Words that make a capture an attempt (failed, repelled, not complete).
ATTEMPT_WORDS: tuple[str, ...] = (
    "محاولة", "محاولات", "حاول*", "تحاول", "يحاول*", "فاشلة", "فشل*", "إحباط", "أحبط*", "صد", "صدت",
    "لم", "لن", "دون", "نحو", "باتجاه", "ناکام*", "درصدد", "قصد", "تلاش*", "attempt*", "failed",
    "tried", "towards", "toward",
    "not", "no longer",
)
#: Words that make a control observation partial (some of a place).
PARTIAL_WORDS: tuple[str, ...] = ("أجزاء", "جزء", "أطراف", "أحياء", "بعض", "parts", "part", "outskirts")
#: Air-borne context that turns a shelling word into an airstrike.
AIR_WORDS: tuple[str, ...] = (
    "الطيران", "طيران", "طائرات", "الطائرات", "طائرة", "جوي*", "جوية", "الحربي", "الحربية",
    "مقاتلات", "المقاتلات", "المقاتلة", "هوایی", "جنگنده*", "air", "aircraft", "warplane*", "jets",
)
DRONE_WORDS: tuple[str, ...] = ("مسير*", "درون*", "پهپاد*", "drone*", "uav*")

#: Actor phrases -> actor code (settings.actors).  Longest phrase wins.
ACTOR_PHRASES: dict[str, str] = {
    # government
    "قوات النظام": "government", "النظام السوري": "government", "قوات النظام السوري": "government",
    "جيش النظام": "government", "الجيش السوري": "government", "الجيش العربي السوري": "government",
    "القوات الحكومية": "government", "قوات الحكومة": "government", "قوات الحكومة السورية": "government",
    "الحكومة السورية": "government", "قوات الأسد": "government", "القوات السورية": "government",
    "القوات المسلحة السورية": "government", "الدفاع الوطني": "government", "الفرقة الرابعة": "government",
    "الفيلق الخامس": "government", "قوات النمر": "government", "الجيش": "government",
    "الميليشيات الموالية للنظام": "government", "المسلحين الموالين لها": "government",
    "نيروهاي سوري": "government", "نیروهای سوری": "government", "ارتش سوریه": "government",
    "نیروهای ارتش سوریه": "government", "دفاع مردمی": "government", "ارتش سوری": "government",
    "government forces": "government", "regime forces": "government", "syrian army": "government",
    "syrian government": "government", "syrian forces": "government", "pro government": "government",
    "government troops": "government", "regime troops": "government", "syrian troops": "government",
    "saa": "government",
    # Russia
    "القوات الروسية": "russia", "الطيران الروسي": "russia", "الطائرات الروسية": "russia",
    "الطيران الحربي الروسي": "russia", "المقاتلات الروسية": "russia", "مقاتلات روسية": "russia",
    "طائرات روسية": "russia", "طائرات حربية روسية": "russia", "القوات الخاصة الروسية": "russia",
    "الشرطة العسكرية الروسية": "russia", "الجيش الروسي": "russia", "المقاتلة الروسية": "russia",
    "القوات الجوية الروسية": "russia", "الروس": "russia", "بدعم روسي": "russia",
    "نیروهای روسی": "russia", "جنگنده های روسی": "russia", "russian forces": "russia",
    "russian jets": "russia", "russian warplanes": "russia", "russian aircraft": "russia",
    "russian air force": "russia", "russian airstrikes": "russia", "russian military": "russia",
    "russian drones": "russia", "russian helicopters": "russia", "russian troops": "russia",
    # Iran-backed
    "الميليشيات الإيرانية": "iran_backed", "المليشيات الإيرانية": "iran_backed",
    "الميليشيات الموالية لإيران": "iran_backed", "المليشيات الموالية لإيران": "iran_backed",
    "مليشيات محسوبة على إيران": "iran_backed", "ميليشيات محسوبة على إيران": "iran_backed",
    "المجموعات الإيرانية": "iran_backed", "لواء فاطميون": "iran_backed", "فاطميون": "iran_backed",
    "لواء زينبيون": "iran_backed", "زينبيون": "iran_backed", "حزب الله": "iran_backed",
    "الحرس الثوري": "iran_backed", "لواء القدس": "iran_backed", "لواء الباقر": "iran_backed",
    "iran backed": "iran_backed", "hezbollah": "iran_backed", "irgc": "iran_backed",
    "iranian backed": "iran_backed", "pro iranian": "iran_backed",
    # opposition
    "فصائل المعارضة": "opposition", "المعارضة السورية المسلحة": "opposition",
    "فصائل المعارضة السورية المسلحة": "opposition", "المعارضة المسلحة": "opposition",
    "قوات المعارضة": "opposition", "قوات المعارضة المسلحة": "opposition", "الفصائل المسلحة": "opposition",
    "الفصائل المقاتلة": "opposition", "الفصائل": "opposition", "فصائل": "opposition",
    "المجموعات المعارضة": "opposition", "الجماعات المسلحة": "opposition",
    "المجموعات المسلحة": "opposition", "مجموعات مسلحة": "opposition", "مسلحين": "opposition",
    "المسلحين": "opposition", "الجيش الحر": "opposition", "الجيش السوري الحر": "opposition",
    "الجبهة الوطنية للتحرير": "opposition", "الفتح المبين": "opposition", "الثوار": "opposition",
    "جيش العزة": "opposition", "التنظيمات الإرهابية": "opposition", "الجماعات الإرهابية": "opposition",
    "الإرهابيين": "opposition", "الإرهابيون": "opposition", "المجموعات الإرهابية": "opposition",
    "گروه های تروریستی": "opposition", "گروههای تروریستی": "opposition", "تروریست ها": "opposition",
    "تروریستها": "opposition", "عناصر تروریستی": "opposition", "گروه های مسلح": "opposition",
    "rebels": "opposition", "rebel": "opposition", "opposition": "opposition",
    "opposition factions": "opposition", "insurgents": "opposition", "armed groups": "opposition",
    "militants": "opposition",
    # HTS
    "هيئة تحرير الشام": "hts", "تحرير الشام": "hts", "جبهة النصرة": "hts", "النصرة": "hts",
    "جبهة فتح الشام": "hts", "هیات تحریر الشام": "hts", "هیئت تحریر الشام": "hts",
    "جبهه النصره": "hts", "hts": "hts", "hayat tahrir al sham": "hts", "tahrir al sham": "hts",
    "nusra": "hts", "nusra front": "hts",
    # SDF
    "قوات سوريا الديمقراطية": "sdf", "قسد": "sdf", "وحدات حماية الشعب": "sdf",
    "الوحدات الكردية": "sdf", "نیروهای دموکراتیک سوریه": "sdf", "sdf": "sdf", "ypg": "sdf",
    "syrian democratic forces": "sdf",
    # ISIS
    "داعش": "isis", "تنظيم الدولة": "isis", "الدولة الإسلامية": "isis",
    "تنظيم الدولة الإسلامية": "isis", "خلايا التنظيم": "isis", "isis": "isis", "isil": "isis",
    "islamic state": "isis", "daesh": "isis",
    # Turkey
    "القوات التركية": "turkey", "الجيش التركي": "turkey", "الجنود الأتراك": "turkey",
    "جنود أتراك": "turkey", "الرتل التركي": "turkey", "الأرتال التركية": "turkey", "رتل تركي": "turkey",
    "نقاط المراقبة التركية": "turkey", "الطائرات التركية": "turkey", "المسيرات التركية": "turkey",
    "مسيرة تركية": "turkey", "الطيران التركي": "turkey", "الأتراك": "turkey",
    "ارتش ترکیه": "turkey", "نیروهای ترکیه": "turkey", "turkish forces": "turkey",
    "turkish army": "turkey", "turkish troops": "turkey", "turkish drone": "turkey", "turkish drones": "turkey",
    "turkish jets": "turkey", "turkish warplanes": "turkey", "turkish artillery": "turkey",
    "turkish soldiers": "turkey", "turkish military": "turkey",
    # Turkish-backed
    "الجيش الوطني السوري": "turkish_backed", "الجيش الوطني": "turkish_backed",
    "الفصائل الموالية لتركيا": "turkish_backed", "الفصائل المدعومة من تركيا": "turkish_backed",
    "الفصائل المدعومة تركيا": "turkish_backed", "فصائل درع الفرات": "turkish_backed",
    "فرقة الحمزة": "turkish_backed", "فرقة السلطان مراد": "turkish_backed",
    "turkish backed": "turkish_backed", "sna": "turkish_backed", "syrian national army": "turkish_backed",
    # civilians
    "مدني": "civilians", "مدنيين": "civilians", "مدنيون": "civilians", "المدنيين": "civilians",
    "المدنيون": "civilians", "مدنيا": "civilians", "الأهالي": "civilians", "أطفال": "civilians",
    "طفل": "civilians", "طفلا": "civilians", "نساء": "civilians", "امرأة": "civilians",
    "شهروندان": "civilians", "شهروندان سوری": "civilians", "کودک": "civilians",
    "غیرنظامیان": "civilians", "civilian": "civilians", "civilians": "civilians",
    "children": "civilians", "residents": "civilians",
}

# --- casualties -------------------------------------------------------------------------------

KILLED_WORDS: tuple[str, ...] = (
    "مقتل", "قتل*", "قتلى", "قتيل*", "يقتل", "مصرع", "لقي حتفه", "لقوا حتفهم", "استشهاد",
    "استشهد*", "شهيد*", "شهداء", "القضاء على", "قضى على", "قضت على", "وفاة",
    "کشته*", "هلاکت", "به هلاکت رسیدند", "جان باختند", "جان خود را از دست دادند", "شهید*",
    "killed", "killing", "dead", "died", "deaths", "fatalities", "death",
)
WOUNDED_WORDS: tuple[str, ...] = (
    "جرح", "جرحى", "جريح*", "إصابة", "إصابات", "أصيب*", "اصيب*", "مصاب*", "بجروح", "جروح",
    "زخمی*", "مجروح*", "wounded", "injured", "injuring", "injuries", "wounding", "hurt",
)
#: Nouns for a person killed or hurt; a singular one with no number counts one.
PERSON_NOUNS_SINGULAR: tuple[str, ...] = (
    "عنصر", "مدني", "جندي", "مقاتل", "طفل", "امرأة", "شخص", "ضابط", "مسلح", "عسكري", "شاب",
    "رجل", "civilian", "soldier", "fighter", "child", "woman", "man", "person",
)

#: Number words -> value (units and tens; the parser adds "X و Y").
NUMBER_WORDS: dict[str, int] = {
    "واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثة": 3,
    "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7, "سبعة": 7,
    "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9, "عشر": 10, "عشرة": 10,
    "أحد عشر": 11, "إحدى عشرة": 11, "اثنا عشر": 12, "اثني عشر": 12, "عشرون": 20, "عشرين": 20,
    "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40, "خمسون": 50, "خمسين": 50,
    "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80, "تسعون": 90,
    "تسعين": 90, "مئة": 100, "مائة": 100, "مئتين": 200, "مئتان": 200, "ألف": 1000,
    "یک": 1, "fa:دو": 2, "fa:سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7, "هشت": 8, "fa:نه": 9,
    "fa:ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13, "چهارده": 14, "پانزده": 15, "شانزده": 16,
    "هفده": 17, "هجده": 18, "نوزده": 19, "بیست": 20, "fa:سی": 30, "چهل": 40, "پنجاه": 50,
    "شصت": 60, "هفتاد": 70, "هشتاد": 80, "fa:نود": 90, "fa:صد": 100,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100,
}
#: Dual nouns (Arabic -ين/-ان of a person noun) -> 2.
DUAL_NOUNS: tuple[str, ...] = ("عنصرين", "عنصران", "مدنيين اثنين", "جنديين", "طفلين", "شخصين", "مقاتلين اثنين")

#: Phrases that state who holds a place ("under the control of").
CONTROL_WORDS: tuple[str, ...] = (
    "تخضع لسيطرة", "الخاضعة لسيطرة", "خاضعة لسيطرة", "الواقعة تحت سيطرة", "تحت سيطرة",
    "يسيطر*", "تسيطر*", "لسيطرة", "بيد", "under the control of", "controlled by", "held by",
)
#: Phrases before the place an aircraft or attack came from, not where it hit.
ORIGIN_WORDS: tuple[str, ...] = (
    "أقلع*", "اقلع*", "انطلق*", "أطلق*", "took off", "launched", "fired", "برخاست*",
)
#: Phrases that turn a withdrawal into a forced one (the other side holds the ground).
FORCED_WORDS: tuple[str, ...] = ("إجبار*", "أجبر*", "اجبار*", "دفع*", "طرد*", "forced", "forcing", "drove")

#: Units after a number that show it does not count people.
NON_PERSON_UNITS: tuple[str, ...] = (
    "كيلومتر*", "كم", "متر*", "ساعة", "ساعات", "دقيقة", "دقائق", "يوم*", "أيام", "شهر", "أشهر",
    "شهور", "عام", "أعوام", "سنة", "سنوات", "غارة", "غارات", "نقاط", "نقطة", "محاولات", "محاولة",
    "هجوم*", "هجمات", "مرة", "مرات", "قذيفة", "قذائف", "صاروخ*", "صواريخ", "آلية", "آليات",
    "دبابة", "دبابات", "منطقة", "مناطق", "قرية", "قرى", "بلدة", "بلدات", "موقع*", "مواقع",
    "كیلومتر*", "ساعت", "روز", "km", "kilomet*", "hours", "hour", "days", "day", "airstrikes",
    "strikes", "villages", "towns", "times", "rockets", "shells", "%", "بالمئة", "بالمائة",
)

#: Artillery words: a bombardment next to one of these stays shelling even with aircraft about.
ARTILLERY_WORDS: tuple[str, ...] = ("مدفعي*", "المدفعية", "هاون", "قذائف", "قذيفة", "راجمات", "صواريخ", "artillery", "mortar*")
