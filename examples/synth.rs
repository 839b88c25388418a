//! A deterministic synthetic event for tests and benchmarks: a national
//! week of N programmes in Persian.
//!
//! ```text
//! cargo run --release --example synth -- N DIR [--seed S] [--provinces P]
//! ```
//!
//! Writes `DIR/content/event.yaml` and one `DIR/content/programs/<stratum>.yaml`
//! per stratum: 7 days (Solar Hijri), 11 headquarters, 20 strata, P
//! provinces' worth of counties (10 each, up to 31 provinces), 6 axes; N
//! programmes with 2–4 paragraphs of markdown, about 5% highlights, a few
//! drafts, reviewed and cancelled ones, one central programme per stratum.
//! The same N, seed and provinces give the same bytes. The site passes
//! `rooz check` (its findings are the review's, never errors).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// SplitMix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 1000 < percent * 10
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const DAYS: [(&str, &str); 7] = [
    ("1405-08-29", "بسیج، مسجد و محله"),
    ("1405-08-30", "بسیج دانش‌آموزی و دانشجویی"),
    ("1405-09-01", "زن، خانواده و بسیج"),
    ("1405-09-02", "بسیج سازندگی و محرومیت‌زدایی"),
    ("1405-09-03", "بسیج علمی، فناوری و فضای مجازی"),
    ("1405-09-04", "بسیج اقشار و خدمت‌رسانی"),
    ("1405-09-05", "روز بسیج مستضعفین"),
];

const HEADQUARTERS: [(&str, &str, &str); 11] = [
    ("defense", "قرارگاه دفاعی و امنیتی", "#2e7d32"),
    ("culture", "قرارگاه فرهنگی و اجتماعی", "#6a1b9a"),
    ("education", "قرارگاه تعلیم و تربیت", "#1565c0"),
    ("science", "قرارگاه علم و فناوری", "#00695c"),
    ("construction", "قرارگاه سازندگی و محرومیت‌زدایی", "#8d4c00"),
    ("economy", "قرارگاه اقتصاد مقاومتی و خدمات", "#ad1457"),
    ("cyberspace", "قرارگاه فضای مجازی", "#283593"),
    ("neighbourhood", "قرارگاه سازماندهی محلات و پژوهش", "#00574b"),
    ("camping", "قرارگاه اردویی و گردشگری", "#4e6b16"),
    ("women", "قرارگاه زن و خانواده", "#b0003a"),
    ("planning", "قرارگاه تقویت تشکیلات و برنامه‌ریزی", "#37474f"),
];

const STRATA: [(&str, &str); 20] = [
    ("students", "دانش‌آموزان"),
    ("university", "دانشجویان"),
    ("teachers", "فرهنگیان"),
    ("workers", "کارگران"),
    ("farmers", "کشاورزان"),
    ("medical", "جامعه پزشکی"),
    ("nurses", "پرستاران"),
    ("artists", "هنرمندان"),
    ("athletes", "ورزشکاران"),
    ("retired", "بازنشستگان"),
    ("children", "کودکان"),
    ("teenagers", "نوجوانان"),
    ("families", "خانواده‌ها"),
    ("seminarians", "طلاب"),
    ("guilds", "اصناف"),
    ("employees", "کارمندان"),
    ("elites", "نخبگان"),
    ("veterans", "پیشکسوتان"),
    ("nomads", "عشایر"),
    ("engineers", "مهندسان"),
];

const AXES: [(&str, &str); 6] = [
    ("second-step", "بیانیه گام دوم انقلاب"),
    ("strategic-document", "سند راهبردی ده‌ساله"),
    ("with-the-people", "با مردم، برای مردم"),
    ("county-problems", "حل مسائل شهرستان‌ها"),
    ("hope", "امید به آینده"),
    ("insight", "بصیرت‌افزایی"),
];

const PROVINCES: [&str; 31] = [
    "آذربایجان شرقی",
    "آذربایجان غربی",
    "اردبیل",
    "اصفهان",
    "البرز",
    "ایلام",
    "بوشهر",
    "تهران",
    "چهارمحال و بختیاری",
    "خراسان جنوبی",
    "خراسان رضوی",
    "خراسان شمالی",
    "خوزستان",
    "زنجان",
    "سمنان",
    "سیستان و بلوچستان",
    "فارس",
    "قزوین",
    "قم",
    "کردستان",
    "کرمان",
    "کرمانشاه",
    "کهگیلویه و بویراحمد",
    "گلستان",
    "گیلان",
    "لرستان",
    "مازندران",
    "مرکزی",
    "هرمزگان",
    "همدان",
    "یزد",
];

const COUNTY_NAMES: [&str; 10] = [
    "مرکزی",
    "شمالی",
    "جنوبی",
    "شرقی",
    "غربی",
    "کوهستان",
    "دشت",
    "ساحلی",
    "آبادان",
    "نو",
];

const KINDS: [&str; 12] = [
    "همایش",
    "نشست",
    "کارگاه",
    "جشنواره",
    "نمایشگاه",
    "مسابقه",
    "اردوی",
    "یادواره",
    "گردهمایی",
    "اجتماع",
    "پویش",
    "بازارچه",
];

const TOPICS: [&str; 16] = [
    "کتاب‌خوانی خانوادگی",
    "ورزش همگانی",
    "هنرهای تجسمی",
    "سلامت و تندرستی",
    "فناوری و نوآوری",
    "تاریخ محلی",
    "محیط زیست",
    "شعر و ادبیات",
    "خدمت‌رسانی جهادی",
    "اقتصاد مقاومتی",
    "نوجوانان مسجد",
    "زنان کارآفرین",
    "امداد و نجات",
    "مهارت‌آموزی",
    "سواد رسانه‌ای",
    "همدلی محله",
];

const VENUES: [&str; 10] = [
    "مسجد جامع",
    "سالن اجتماعات فرمانداری",
    "پارک شهر",
    "تالار فرهنگیان",
    "ورزشگاه",
    "کتابخانه عمومی",
    "دانشگاه",
    "فرهنگسرا",
    "حسینیه",
    "میدان اصلی",
];

const AUDIENCES: [&str; 6] = [
    "همه شهروندان",
    "خانواده‌ها",
    "نوجوانان و جوانان",
    "دانش‌آموزان و والدین",
    "زنان و دختران",
    "فعالان فرهنگی",
];

const SENTENCES: [&str; 12] = [
    "این برنامه با همکاری نهادهای محلی و مشارکت مردم برگزار می‌شود",
    "شرکت برای همه آزاد است و ثبت‌نام در محل انجام می‌شود",
    "گزارش برنامه پس از پایان در رسانه‌های استان منتشر خواهد شد",
    "هدف برنامه، پیوند نسل‌ها و تقویت روحیه خدمت در محله است",
    "بخشی از برنامه به پرسش و پاسخ با حاضران اختصاص دارد",
    "خانواده‌ها می‌توانند همراه فرزندانشان در برنامه حاضر شوند",
    "هزینه‌های برنامه از محل کمک‌های مردمی تأمین شده است",
    "در پایان، از فعالان برتر محله قدردانی می‌شود",
    "برنامه در فضای باز و با رعایت نکات ایمنی برگزار می‌شود",
    "نمایندگان دستگاه‌های اجرایی به پرسش‌های مردم پاسخ می‌دهند",
    "غرفه‌هایی برای معرفی طرح‌های نوآورانه جوانان برپا می‌شود",
    "این برنامه برای نخستین بار در شهرستان اجرا می‌شود",
];

const LIST_ITEMS: [&str; 6] = [
    "نمایش فیلم مستند",
    "اجرای گروه سرود",
    "غرفه کتاب و محصولات فرهنگی",
    "مسابقه و اهدای جایزه",
    "ایستگاه سلامت رایگان",
    "کارگاه مهارتی کوتاه",
];

/// Latin digits as Persian ones.
fn persian(n: impl ToString) -> String {
    n.to_string()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x06F0 + d).unwrap(),
            None => c,
        })
        .collect()
}

/// A YAML double-quoted string.
fn q(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

struct County {
    id: String,
    title: String,
}

fn counties(provinces: usize) -> Vec<County> {
    let mut out = Vec::new();
    for (p, province) in PROVINCES.iter().take(provinces).enumerate() {
        for (c, name) in COUNTY_NAMES.iter().enumerate() {
            out.push(County {
                id: format!("p{:02}-c{:02}", p + 1, c + 1),
                title: format!("{name} {province}"),
            });
        }
    }
    out
}

fn event_yaml(counties: &[County], provinces: usize) -> String {
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# A synthetic national week ({} provinces), made by `cargo run --example synth`.",
        provinces
    );
    y.push_str(
        "title: هفته بسیج\nslogan: بسیج با مردم، برای مردم\norganizer: ستاد هماهنگی هفته بسیج\n",
    );
    y.push_str("locale: fa\ncalendar: persian\ntimezone: Asia/Tehran\nstart: 1405-08-29\nend: 1405-09-05\n");
    y.push_str("base_url: https://synth.rooz.test/\nhashtags: [\"#هفته_بسیج\"]\n");
    y.push_str("targets: { women_share: 0.5, central_per_stratum: 1 }\n");
    y.push_str("staff_roles: { head: فرماندار, secretary: فرمانده ناحیه }\ndays:\n");
    for (i, (date, title)) in DAYS.iter().enumerate() {
        let _ = writeln!(y, "  - date: {date}\n    title: {}", q(title));
        if i == 0 {
            y.push_str("    focus: { headquarters: [neighbourhood] }\n");
        }
        if i == 2 {
            y.push_str("    focus: { strata: [families], headquarters: [women] }\n");
        }
    }
    y.push_str("axes:\n");
    for (id, title) in AXES {
        let _ = writeln!(y, "  - id: {id}\n    title: {}", q(title));
    }
    y.push_str("headquarters:\n");
    for (id, title, color) in HEADQUARTERS {
        let _ = writeln!(
            y,
            "  - id: {id}\n    title: {}\n    color: \"{color}\"",
            q(title)
        );
    }
    y.push_str("strata:\n");
    for (id, title) in STRATA {
        let _ = writeln!(y, "  - id: {id}\n    title: {}", q(title));
    }
    y.push_str("counties:\n");
    for c in counties {
        let _ = writeln!(
            y,
            "  - id: {}\n    title: {}\n    staff: {{ head: {}, secretary: {} }}",
            c.id,
            q(&c.title),
            q(&format!("فرماندار {}", c.title)),
            q(&format!("فرمانده ناحیه {}", c.title))
        );
    }
    y
}

/// 2–4 paragraphs with bold, a link and sometimes a list.
fn description(rng: &mut Rng, title: &str) -> String {
    let mut d = String::new();
    let paragraphs = 2 + rng.below(3);
    for p in 0..paragraphs {
        let mut para = Vec::new();
        for _ in 0..(2 + rng.below(3)) {
            para.push(rng.pick(&SENTENCES).to_string());
        }
        if p == 0 {
            para[0] = format!("**{title}** {}", para[0]);
        }
        if p == 1 {
            para.push("برای آگاهی بیشتر [وبگاه ستاد](https://synth.rooz.test/) را ببینید".into());
        }
        let _ = writeln!(d, "      {}.\n", para.join(". "));
        if p == 0 && rng.chance(60) {
            for _ in 0..(2 + rng.below(3)) {
                let _ = writeln!(d, "      - {}؛", rng.pick(&LIST_ITEMS));
            }
            d.push('\n');
        }
    }
    d.trim_end().to_string() + "\n"
}

/// One programme entry of a stratum file.
fn programme(
    rng: &mut Rng,
    n: usize,
    stratum: usize,
    central: bool,
    counties: &[County],
) -> String {
    let mut y = String::new();
    let day = rng.below(7);
    let county = (!rng.chance(8)).then(|| rng.below(counties.len()));
    let place = county.map_or("استان".to_string(), |c| counties[c].title.clone());
    let title = format!(
        "{} {} {} در {place}",
        rng.pick(&KINDS),
        rng.pick(&TOPICS),
        STRATA[stratum].1
    );
    let _ = writeln!(
        y,
        "  - id: p{n:06}\n    title: {}\n    date: {}",
        q(&title),
        DAYS[day].0
    );
    if day < 5 && rng.chance(4) {
        let _ = writeln!(y, "    until: {}", DAYS[day + 1 + rng.below(6 - day)].0);
    }
    if !rng.chance(10) {
        let start = 8 + rng.below(12);
        let _ = writeln!(y, "    start: \"{start:02}:{:02}\"", [0, 30][rng.below(2)]);
        let _ = writeln!(
            y,
            "    end: \"{:02}:{:02}\"",
            start + 1 + rng.below(3),
            [0, 30][rng.below(2)]
        );
    }
    let hq = rng.below(HEADQUARTERS.len());
    let _ = writeln!(y, "    headquarters: {}", HEADQUARTERS[hq].0);
    let mut axes: Vec<&str> = (0..1 + rng.below(3)).map(|_| rng.pick(&AXES).0).collect();
    axes.sort_unstable();
    axes.dedup();
    let _ = writeln!(y, "    axes: [{}]", axes.join(", "));
    if let Some(c) = county {
        let _ = writeln!(y, "    county: {}", counties[c].id);
    }
    // A venue per county, day and hour-ish slot: clashes stay rare, as in life.
    let _ = writeln!(
        y,
        "    venue: {}",
        q(&format!(
            "{} {place} شماره {}",
            rng.pick(&VENUES),
            persian(1 + rng.below(40))
        ))
    );
    let audience = AUDIENCES[rng.below(AUDIENCES.len())];
    let _ = writeln!(y, "    audience: {}", q(audience));
    if rng.chance(55) || HEADQUARTERS[hq].0 == "women" {
        y.push_str("    women: true\n");
    }
    if central {
        y.push_str("    central: true\n");
    } else {
        let status = match rng.below(1000) {
            0..=9 => Some("draft"),
            10..=14 => Some("cancelled"),
            15..=114 => Some("reviewed"),
            _ => None,
        };
        if let Some(s) = status {
            let _ = writeln!(y, "    status: {s}");
        }
    }
    let _ = writeln!(y, "    expected_participants: {}", 20 + rng.below(50) * 10);
    let _ = writeln!(
        y,
        "    contact: {}",
        q(&format!(
            "دبیرخانه ستاد، ۰{}-{}",
            persian(11 + rng.below(80)),
            persian(30_000_000 + rng.below(9_000_000))
        ))
    );
    if central || rng.chance(5) {
        let summary = format!("{title}؛ {} برای همه مردم.", DAYS[day].1);
        let _ = writeln!(
            y,
            "    highlight:\n      summary: {}\n      hashtags: [\"#هفته_بسیج\"]",
            q(&summary)
        );
    }
    y.push_str("    description: |\n");
    y.push_str(&description(rng, &title));
    y
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: synth N DIR [--seed S] [--provinces P]";
    let n: usize = args.next().and_then(|a| a.parse().ok()).expect(usage);
    let dir = PathBuf::from(args.next().expect(usage));
    let (mut seed, mut provinces) = (1405u64, 31usize);
    while let Some(flag) = args.next() {
        let value = args.next().and_then(|v| v.parse().ok()).expect(usage);
        match flag.as_str() {
            "--seed" => seed = value,
            "--provinces" => provinces = value as usize,
            _ => panic!("{usage}"),
        }
    }
    let counties = generate(n, &dir, seed, provinces);
    eprintln!(
        "{n} programmes over {counties} counties in {}",
        dir.display()
    );
}

/// Writes the synthetic event of `n` programmes into `dir/content`
/// (replacing what is there); returns how many counties it has.
pub fn generate(n: usize, dir: &Path, seed: u64, provinces: usize) -> usize {
    let provinces = provinces.clamp(1, PROVINCES.len());
    let counties = counties(provinces);
    let programs = dir.join("content/programs");
    let _ = std::fs::remove_dir_all(dir.join("content"));
    std::fs::create_dir_all(&programs).unwrap();
    write(
        &dir.join("content/event.yaml"),
        &event_yaml(&counties, provinces),
    );
    let mut rng = Rng(seed);
    let mut files: Vec<String> = STRATA
        .iter()
        .map(|(id, _)| format!("stratum: {id}\nprograms:\n"))
        .collect();
    for i in 0..n {
        // Round-robin over the strata, the first of each its central one.
        let stratum = i % STRATA.len();
        let entry = programme(&mut rng, i + 1, stratum, i < STRATA.len(), &counties);
        files[stratum].push_str(&entry);
    }
    for ((id, _), text) in STRATA.iter().zip(files) {
        if text.ends_with("programs:\n") {
            continue;
        }
        write(&programs.join(format!("{id}.yaml")), &text);
    }
    counties.len()
}
