//! `rooz import`: the export reads back, a filled-in template becomes a
//! programme file, and bad cells are reported, all at once, by row and
//! column, with nothing written.

mod common;

use std::fs;
use std::path::Path;

use serde_json::Value;

use common::build_pages as build;

fn programmes(out: &Path) -> Vec<Value> {
    let data: Value =
        serde_json::from_slice(&fs::read(out.join("data/programs.json")).unwrap()).unwrap();
    data["programmes"].as_array().unwrap().clone()
}

/// The fields a spreadsheet carries (the description, a highlight's quote,
/// hashtags and photo, and an outcome's photos are not in it).
fn sheet_fields(p: &Value) -> Value {
    let mut p = p.clone();
    let object = p.as_object_mut().unwrap();
    object.remove("description");
    object.remove("description_html");
    if let Some(h) = object.get_mut("highlight").and_then(Value::as_object_mut) {
        h.retain(|k, _| k == "summary");
    }
    if let Some(o) = object.get_mut("outcome").and_then(Value::as_object_mut) {
        o.remove("photos");
    }
    p
}

/// Rows of a CSV export whose stratum is `stratum`, with the header.
fn rows_of(csv: &[u8], stratum: &str) -> String {
    let text = String::from_utf8(csv.to_vec()).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = headers
        .iter()
        .position(|h| h == "stratum_id" || h == "شناسه قشر")
        .unwrap();
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(&headers).unwrap();
    for record in reader.records() {
        let record = record.unwrap();
        if &record[column] == stratum {
            out.write_record(&record).unwrap();
        }
    }
    String::from_utf8(out.into_inner().unwrap()).unwrap()
}

#[test]
fn the_export_imports_back_to_the_same_programmes() {
    for (sheet, language) in [("data/programs.csv", "fa"), ("data/programs.en.csv", "en")] {
        let site = common::example();
        let before = programmes(&build(site.path()));
        let csv = fs::read(site.path().join("out").join(sheet)).unwrap();
        let strata: Vec<String> = fs::read_dir(site.path().join("content/programs"))
            .unwrap()
            .map(|e| {
                e.unwrap()
                    .path()
                    .file_stem()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        for stratum in &strata {
            let file = site.path().join(format!("{stratum}.csv"));
            fs::write(&file, rows_of(&csv, stratum)).unwrap();
            let run = common::rooz(
                &[
                    "import",
                    file.to_str().unwrap(),
                    "--stratum",
                    stratum,
                    "--force",
                ],
                site.path(),
            );
            assert_eq!(run.code, 0, "{language} {stratum}: {}", run.stderr);
            assert!(run.stderr.contains("Imported"), "{}", run.stderr);
        }
        let after = programmes(&build(site.path()));
        // Drafts are not exported, so they are not imported back.
        let published: Vec<Value> = before
            .iter()
            .filter(|p| p["status"] != "draft")
            .map(sheet_fields)
            .collect();
        let mut after: Vec<Value> = after.iter().map(sheet_fields).collect();
        let mut published = published;
        let key = |p: &Value| p["id"].as_str().unwrap().to_string();
        published.sort_by_key(key);
        after.sort_by_key(key);
        assert_eq!(published.len(), after.len(), "{language}");
        for (a, b) in published.iter().zip(&after) {
            assert_eq!(a, b, "{language}: {} changed", key(a));
        }
    }
}

#[test]
fn a_filled_in_template_becomes_a_programme_file() {
    let site = common::example();
    let template = site.path().join("template.xlsx");
    let run = common::rooz(
        &["import", "--template", template.to_str().unwrap()],
        site.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The template: Persian columns (the event's language), a sample row,
    // and lists to choose from.
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(&template).unwrap();
    let names = book.sheet_names();
    assert_eq!(names, ["فهرست‌ها", "برنامه‌ها"]);
    let range = book.worksheet_range("برنامه‌ها").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(&header[..4], ["شناسه", "عنوان", "تاریخ", "تا تاریخ"]);
    let sample: Vec<String> = range
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(sample[2], "1405-08-29");
    let mut zip = zip::ZipArchive::new(fs::File::open(&template).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet2.xml").unwrap(),
        &mut xml,
    )
    .unwrap();
    assert!(xml.contains("<dataValidation type=\"list\""), "{xml}");
    assert!(xml.contains("rightToLeft=\"1\""));

    // Filled in as Excel would: the template's header, a real date cell and
    // a real time cell, a headquarters and a county by title.
    let filled = site.path().join("filled.xlsx");
    let mut out = rust_xlsxwriter::Workbook::new();
    let sheet = out.add_worksheet();
    sheet.set_name("برنامه‌ها").unwrap();
    for (i, h) in header.iter().enumerate() {
        sheet.write_string(0, i as u16, h).unwrap();
    }
    let col = |name: &str| header.iter().position(|h| h == name).unwrap() as u16;
    let date_format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let time_format = rust_xlsxwriter::Format::new().set_num_format("hh:mm");
    sheet
        .write_string(1, col("عنوان"), "کارگاه خوشنویسی نوجوانان")
        .unwrap();
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 11, 21).unwrap();
    sheet
        .write_datetime_with_format(1, col("تاریخ"), &day, &date_format)
        .unwrap();
    let time = rust_xlsxwriter::ExcelDateTime::from_hms(16, 30, 0).unwrap();
    sheet
        .write_datetime_with_format(1, col("ساعت شروع"), &time, &time_format)
        .unwrap();
    sheet
        .write_string(1, col("قرارگاه"), "قرارگاه فرهنگی و اجتماعی")
        .unwrap();
    sheet.write_string(1, col("شهرستان"), "دنا").unwrap();
    sheet.write_string(1, col("محورها"), "hope").unwrap();
    sheet.write_string(1, col("حوزه زنان"), "بله").unwrap();
    sheet.write_string(1, col("وضعیت"), "تأیید شده").unwrap();
    sheet
        .write_number(1, col("پیش‌بینی شرکت‌کنندگان"), 40)
        .unwrap();
    out.save(&filled).unwrap();

    let run = common::rooz(
        &[
            "import",
            filled.to_str().unwrap(),
            "--stratum",
            "artists",
            "--force",
        ],
        site.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let yaml = fs::read_to_string(site.path().join("content/programs/artists.yaml")).unwrap();
    assert!(yaml.starts_with("# Programmes of "), "{yaml}");
    assert!(yaml.contains("  # row 2\n  - id: artists-"), "{yaml}");
    let p = programmes(&build(site.path()))
        .into_iter()
        .find(|p| p["title"] == "کارگاه خوشنویسی نوجوانان")
        .unwrap();
    // 2026-11-21 is 1405-08-30; the time cell is 16:30.
    assert_eq!(p["date"], "1405-08-30");
    assert_eq!(p["start"], "16:30");
    assert_eq!(p["headquarters"]["id"], "cultural-social");
    assert_eq!(p["county"]["id"], "dena");
    assert_eq!(p["women"], true);
    assert_eq!(p["status"], "approved");
    assert_eq!(p["expected_participants"], 40);
    assert!(p["id"].as_str().unwrap().is_ascii());

    // A bad cell of a workbook is named by sheet, row and column.
    let wrong = site.path().join("wrong.xlsx");
    let mut out = rust_xlsxwriter::Workbook::new();
    let sheet = out.add_worksheet();
    sheet.set_name("برنامه‌ها").unwrap();
    for (i, h) in header.iter().enumerate() {
        sheet.write_string(0, i as u16, h).unwrap();
    }
    sheet.write_string(1, col("عنوان"), "نمایشگاه").unwrap();
    sheet
        .write_string(1, col("قرارگاه"), "cultural-social")
        .unwrap();
    sheet.write_string(11, col("عنوان"), "همایش").unwrap();
    sheet.write_string(11, col("تاریخ"), "1405/13/01").unwrap();
    sheet
        .write_string(11, col("قرارگاه"), "cultural-social")
        .unwrap();
    out.save(&wrong).unwrap();
    let run = common::rooz(
        &[
            "import",
            wrong.to_str().unwrap(),
            "--stratum",
            "artists",
            "--force",
        ],
        site.path(),
    );
    assert_eq!(run.code, 1);
    let name = wrong.display();
    assert!(
        run.stderr.contains(&format!(
            "{name}, sheet 'برنامه‌ها', row 12, column 'تاریخ': '1405/13/01' is not a date (month 13)"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "{name}, sheet 'برنامه‌ها', row 2, column 'تاریخ': is empty"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_cells_are_all_reported_and_nothing_is_written() {
    let site = common::example();
    let target = site.path().join("content/programs/artists.yaml");
    let before = fs::read(&target).unwrap();
    let bad = common::repo().join("tests/fixtures/import/bad.csv");
    let run = common::rooz(
        &[
            "import",
            bad.to_str().unwrap(),
            "--stratum",
            "artists",
            "--force",
        ],
        site.path(),
    );
    assert_eq!(run.code, 1);
    let pinned = common::repo().join("tests/fixtures/import/bad.expected");
    let shown = run.stderr.replace(bad.to_str().unwrap(), "bad.csv");
    if std::env::var_os("ROOZ_BLESS").is_some() {
        fs::write(&pinned, &shown).unwrap();
    }
    assert_eq!(shown, fs::read_to_string(&pinned).unwrap());
    assert_eq!(fs::read(&target).unwrap(), before, "the file changed");
}

#[test]
fn an_existing_file_is_kept_without_force_and_a_wrong_stratum_is_refused() {
    let site = common::example();
    let sheet = site.path().join("one.csv");
    fs::write(
        &sheet,
        "title,date,headquarters\nA talk,1405-08-30,cultural-social\n",
    )
    .unwrap();
    let run = common::rooz(
        &["import", sheet.to_str().unwrap(), "--stratum", "artists"],
        site.path(),
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("pass --force"), "{}", run.stderr);
    let run = common::rooz(
        &["import", sheet.to_str().unwrap(), "--stratum", "nobody"],
        site.path(),
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("'nobody' is not a stratum"),
        "{}",
        run.stderr
    );
    // A new stratum file is written and loads.
    let out = site.path().join("elsewhere.yaml");
    let run = common::rooz(
        &[
            "import",
            sheet.to_str().unwrap(),
            "--stratum",
            "artists",
            "--out",
            out.to_str().unwrap(),
        ],
        site.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        fs::read_to_string(&out)
            .unwrap()
            .contains("id: artists-a-talk")
    );
}

/// Imports `sheet` as the artists' programmes.
fn import_artists(site: &Path, sheet: &Path) -> common::Output {
    common::rooz(
        &[
            "import",
            sheet.to_str().unwrap(),
            "--stratum",
            "artists",
            "--force",
        ],
        site,
    )
}

fn by_title(out: &Path, title: &str) -> Value {
    programmes(out)
        .into_iter()
        .find(|p| p["title"] == title)
        .unwrap_or_else(|| panic!("no programme {title}"))
}

#[test]
fn outcome_columns_become_an_outcome_block() {
    let site = common::example();
    let sheet = common::repo().join("tests/fixtures/import/outcomes.csv");
    let run = import_artists(site.path(), &sheet);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let yaml = fs::read_to_string(site.path().join("content/programs/artists.yaml")).unwrap();
    // Persian words and digits, a markdown note on two lines, coverage as
    // `title | url | outlet | kind`, an address alone, and a kind without
    // an outlet.
    for block in [
        "    expected_participants: 150
    outcome:
      held: yes
      participants: 120
      women_participants: 45
      note: \"- **۱۲۰** نفر آمدند.\\n- نمایشگاه تا شب باز ماند.\"
      coverage:
        - { title: \"گزارش همایش هنرمندان\", url: \"https://example.org/news/1405/08/29/artists\", outlet: \"خبرگزاری استان\", kind: news }
        - { title: \"همایش هنرمندان جوان\", url: \"https://example.org/video/artists-gathering\", kind: news }
        - { title: \"گفت‌وگوی رادیویی\", url: \"https://example.org/radio/artists\", kind: radio }
",
        // Moved: the new days, in the event's calendar.
        "    outcome:
      held: postponed
      date: 1405-09-06
      until: 1405-09-07
      note: \"باران شدید؛ کارگاه به هفته بعد رفت.\"
",
        // Held on its own day: that day is not a move.
        "    expected_participants: 80
    outcome:
      held: partly
      participants: 35
  # row 5
",
    ] {
        assert!(yaml.contains(block), "{block}\nnot in\n{yaml}");
    }
    // No outcome cell filled in: no outcome block.
    assert!(yaml.ends_with("    axes: [hope]\n"), "{yaml}");
    assert_eq!(yaml.matches("outcome:").count(), 3, "{yaml}");

    let out = build(site.path());
    let gathering = by_title(&out, "همایش هنرمندان جوان");
    let o = &gathering["outcome"];
    assert_eq!(o["held"], "yes");
    assert_eq!(o["participants"], 120);
    assert_eq!(o["women_participants"], 45);
    assert_eq!(o["coverage"].as_array().unwrap().len(), 3);
    assert_eq!(o["coverage"][2]["kind"], "radio");
    let moved = by_title(&out, "کارگاه عکاسی");
    assert_eq!(moved["outcome"]["date"], "1405-09-06");
    assert_eq!(moved["outcome"]["until_iso"], "2026-11-28");
    assert_eq!(by_title(&out, "نمایشگاه خوشنویسی")["outcome"], Value::Null);
    // The export carries the outcome in the same columns and words.
    let csv = String::from_utf8(fs::read(out.join("data/programs.csv")).unwrap()).unwrap();
    assert!(csv.contains(",بله,,,120,45,"), "{csv}");
    assert!(csv.contains(
        "\"گزارش همایش هنرمندان | https://example.org/news/1405/08/29/artists | خبرگزاری استان | خبر\n\
         همایش هنرمندان جوان | https://example.org/video/artists-gathering | خبر\n"
    ));
}

#[test]
fn an_outcome_without_held_is_located_and_loader_rules_still_apply() {
    let site = common::example();
    let target = site.path().join("content/programs/artists.yaml");
    let before = fs::read(&target).unwrap();
    let bad = common::repo().join("tests/fixtures/import/bad-outcomes.csv");
    let run = import_artists(site.path(), &bad);
    assert_eq!(run.code, 1);
    let shown = run
        .stderr
        .replace(bad.to_str().unwrap(), "bad-outcomes.csv");
    for line in [
        "error: bad-outcomes.csv, row 2, column 'برگزار شد': is empty, but 'تعداد شرکت‌کننده' reports an outcome; say whether it was held: yes/partly/no/postponed or بله/بخشی/خیر/تعویق",
        "error: bad-outcomes.csv, row 3, column 'برگزار شد': 'شاید' is not whether it was held; expected one of: yes (بله), partly (بخشی), no (خیر), postponed (تعویق)",
        "error: bad-outcomes.csv, row 3, column 'تعداد شرکت‌کننده': 'چند نفر' is not a whole number of people",
        "error: bad-outcomes.csv, row 3, column 'پوشش رسانه‌ای': 'http://example.org/news/1' is not an https address",
        "error: bad-outcomes.csv, row 4, column 'پوشش رسانه‌ای': 'پادکست' is not a kind of coverage; expected one of: news (خبر), video (ویدیو), post (پست), tv (تلویزیون), radio (رادیو)",
        "5 errors; nothing was written.",
    ] {
        assert!(shown.contains(line), "{line}\nnot in\n{shown}");
    }
    assert_eq!(fs::read(&target).unwrap(), before, "the file changed");

    // A sheet without a `held` column: the first outcome cell is named.
    let sheet = site.path().join("no-held.csv");
    fs::write(
        &sheet,
        "title,date,headquarters,axes,women_participants,participants\n\
         A talk,1405-08-30,cultural-social,hope,۱۰,۲۰\n",
    )
    .unwrap();
    let run = import_artists(site.path(), &sheet);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "row 2, column 'women_participants': reports an outcome, but the sheet has no column 'held' ('برگزار شد')"
        ),
        "{}",
        run.stderr
    );

    // The loader's rules hold for what is written: people at a programme
    // that was not held are refused, and the file is taken back.
    let sheet = site.path().join("not-held.csv");
    fs::write(
        &sheet,
        "title,date,headquarters,axes,held,participants\n\
         A talk,1405-08-30,cultural-social,hope,no,20\n",
    )
    .unwrap();
    let run = import_artists(site.path(), &sheet);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("20 participants, but the programme was not held"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("it was taken back"), "{}", run.stderr);
    assert_eq!(fs::read(&target).unwrap(), before, "the file changed");
}

#[test]
fn the_template_has_the_outcome_columns_and_a_filled_workbook_reads_them() {
    use calamine::Reader;
    let site = common::example();
    let template = site.path().join("template.xlsx");
    let run = common::rooz(
        &["import", "--template", template.to_str().unwrap()],
        site.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut book = calamine::open_workbook_auto(&template).unwrap();
    let range = book.worksheet_range("برنامه‌ها").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        header[header.len() - 7..],
        [
            "برگزار شد",
            "تاریخ برگزاری",
            "تا تاریخ برگزاری",
            "تعداد شرکت‌کننده",
            "تعداد شرکت‌کننده زن",
            "گزارش اجرا",
            "پوشش رسانه‌ای",
        ]
    );
    // How to fill the coverage in is noted on its header; held is a list.
    let mut zip = zip::ZipArchive::new(fs::File::open(&template).unwrap()).unwrap();
    let mut notes = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/comments1.xml").unwrap(), &mut notes)
        .unwrap();
    assert!(
        notes.contains("«عنوان | نشانی https | رسانه | نوع»"),
        "{notes}"
    );
    let english = site.path().join("template-en.xlsx");
    let run = common::rooz(
        &[
            "import",
            "--template",
            english.to_str().unwrap(),
            "--locale",
            "en",
        ],
        site.path(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut book = calamine::open_workbook_auto(&english).unwrap();
    let lists = book.worksheet_range("Lists").unwrap();
    let held: Vec<String> = lists
        .rows()
        .map(|r| r.last().unwrap().to_string())
        .filter(|v| !v.is_empty())
        .collect();
    assert_eq!(held, ["yes", "partly", "no", "postponed"]);

    // Filled in as Excel would: numbers as number cells, the coverage on
    // two lines of one cell, the Persian word for "partly".
    let filled = site.path().join("filled.xlsx");
    let mut out = rust_xlsxwriter::Workbook::new();
    let sheet = out.add_worksheet();
    for (i, h) in header.iter().enumerate() {
        sheet.write_string(0, i as u16, h).unwrap();
    }
    let col = |name: &str| header.iter().position(|h| h == name).unwrap() as u16;
    for (name, text) in [
        ("عنوان", "کارگاه نقاشی دیواری"),
        ("تاریخ", "1405/08/30"),
        ("قرارگاه", "cultural-social"),
        ("محورها", "hope"),
        ("برگزار شد", "بخشی"),
        ("گزارش اجرا", "نیمی از دیوار تمام شد."),
        (
            "پوشش رسانه‌ای",
            "https://example.org/news/mural\nدیوارنگاره | https://example.org/post/mural | پست",
        ),
    ] {
        sheet.write_string(1, col(name), text).unwrap();
    }
    sheet.write_number(1, col("تعداد شرکت‌کننده"), 42).unwrap();
    sheet
        .write_number(1, col("تعداد شرکت‌کننده زن"), 12)
        .unwrap();
    out.save(&filled).unwrap();
    let run = import_artists(site.path(), &filled);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let yaml = fs::read_to_string(site.path().join("content/programs/artists.yaml")).unwrap();
    let block = "    outcome:
      held: partly
      participants: 42
      women_participants: 12
      note: \"نیمی از دیوار تمام شد.\"
      coverage:
        - { title: \"کارگاه نقاشی دیواری\", url: \"https://example.org/news/mural\", kind: news }
        - { title: \"دیوارنگاره\", url: \"https://example.org/post/mural\", kind: post }
";
    assert!(yaml.contains(block), "{yaml}");
}

/// A workbook of the artists' programmes: `rows` of strings under the
/// header, then whatever `more` does to the sheet.
fn workbook(path: &Path, rows: &[&[&str]], more: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    more(sheet);
    book.save(path).unwrap();
}

/// The programmes an import into a fresh copy of the example wrote, by
/// title, or its error output.
fn imported(sheet: &Path) -> Result<Vec<(String, String)>, String> {
    let site = common::example();
    let out = site.path().join("artists.yaml");
    let run = common::rooz(
        &[
            "import",
            sheet.to_str().unwrap(),
            "--stratum",
            "artists",
            "--out",
            out.to_str().unwrap(),
        ],
        site.path(),
    );
    if run.code != 0 {
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(!out.exists(), "a failed import wrote a file");
        return Err(run.stderr.replace(sheet.to_str().unwrap(), "SHEET"));
    }
    let yaml: serde_json::Value =
        serde_saphyr::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    Ok(yaml["programs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["title"].as_str().unwrap().to_string(),
                p["date"].as_str().unwrap().to_string(),
            )
        })
        .collect())
}

#[test]
fn a_merged_date_is_the_date_of_every_row_it_covers() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("merged.xlsx");
    workbook(
        &sheet,
        &[
            &["title", "date", "headquarters"],
            &["First", "", "cultural-social"],
            &["Second", "", "cultural-social"],
            &["Third", "1405-09-01", "cultural-social"],
        ],
        |s| {
            let format = rust_xlsxwriter::Format::new();
            s.merge_range(1, 1, 2, 1, "1405-08-30", &format).unwrap();
        },
    );
    assert_eq!(
        imported(&sheet).unwrap(),
        [
            ("First".into(), "1405-08-30".into()),
            ("Second".into(), "1405-08-30".into()),
            ("Third".into(), "1405-09-01".into())
        ]
    );
}

#[test]
fn a_formula_cell_is_read_as_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("formula.xlsx");
    workbook(
        &sheet,
        &[
            &["title", "date", "headquarters"],
            &["", "1405-08-30", "cultural-social"],
        ],
        |s| {
            s.write_formula(
                1,
                0,
                rust_xlsxwriter::Formula::new("=CONCAT(\"Poetry \",\"night\")")
                    .set_result("Poetry night"),
            )
            .unwrap();
        },
    );
    assert_eq!(
        imported(&sheet).unwrap(),
        [("Poetry night".into(), "1405-08-30".into())]
    );
}

#[test]
fn hostile_sheets_are_refused_with_a_located_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    // Values under an empty header, and past the last header.
    workbook(
        &path("unnamed.xlsx"),
        &[
            &["title", "", "date", "headquarters"],
            &[
                "A talk",
                "lost?",
                "1405-08-30",
                "cultural-social",
                "also lost?",
            ],
        ],
        |_| {},
    );
    // A workbook saved with a password is an encrypted OLE file.
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.extend([0u8; 504]);
    fs::write(path("encrypted.xlsx"), encrypted).unwrap();
    // A workbook cut short in the copying.
    workbook(&path("whole.xlsx"), &[&["title"]], |_| {});
    let whole = fs::read(path("whole.xlsx")).unwrap();
    fs::write(path("corrupt.xlsx"), &whole[..whole.len() / 2]).unwrap();
    // Excel's plain "CSV" on a Persian Windows: Windows-1256.
    // "عنوان,تاریخ,قرارگاه" and a row, in that code page.
    let mut cp1256 = vec![0xDA, 0xE4, 0xE6, 0xC7, 0xE4];
    cp1256.extend(b",date,headquarters\r\n");
    cp1256.extend([0xE3, 0xD4, 0xC7, 0xDA, 0xD1, 0xE5]);
    cp1256.extend(b",1405-08-30,cultural-social\r\n");
    fs::write(path("windows-1256.csv"), cp1256).unwrap();
    let expected = [
        (
            "unnamed.xlsx",
            "SHEET, sheet 'Sheet1', row 2: column B has values but no header: give it a column name, or clear it",
        ),
        (
            "unnamed.xlsx",
            "SHEET, sheet 'Sheet1', row 2: column E has values but no header: give it a column name, or clear it",
        ),
        (
            "encrypted.xlsx",
            "SHEET: is protected by a password (an encrypted workbook): remove the password",
        ),
        (
            "corrupt.xlsx",
            "SHEET: is not a spreadsheet rooz can read: ",
        ),
        (
            "windows-1256.csv",
            "SHEET: is not UTF-8 (byte 1 is not valid; Excel's plain \"CSV\" is Windows-1256 on a Persian Windows): save it as \"CSV UTF-8\"",
        ),
    ];
    for (file, message) in expected {
        let shown = imported(&path(file)).expect_err(file);
        assert!(shown.contains(message), "{file}: {shown}");
    }
}

#[test]
fn a_hundred_thousand_bad_rows_are_all_reported_in_a_screen() {
    // Every row is one mistake (an unknown headquarters): all are counted,
    // none is lost, and the same mistake down the column is one line.
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("many.csv");
    let mut text = String::from("title,date,headquarters\n");
    for n in 0..100_000 {
        let headquarters = if n == 50_000 { "elsewhere" } else { "nobody" };
        text.push_str(&format!("Talk {n},1405-08-30,{headquarters}\n"));
    }
    fs::write(&sheet, text).unwrap();
    let started = std::time::Instant::now();
    let shown = imported(&sheet).expect_err("100,000 bad rows");
    println!("100,000 bad rows: {:?}", started.elapsed());
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(lines.len(), 4, "{shown}");
    assert!(
        lines[0].starts_with("error: SHEET, rows 2 to 50001, column 'headquarters': 'nobody' is not a headquarters of the event")
            && lines[0].ends_with("(each of the 50000 rows)"),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("error: SHEET, row 50002, column 'headquarters': 'elsewhere'"));
    assert!(
        lines[2].starts_with("error: SHEET, rows 50003 to 100001, column 'headquarters': 'nobody'")
    );
    assert_eq!(lines[3], "100000 errors; nothing was written.");
}

#[test]
fn a_million_row_sheet_is_refused_at_the_limit_and_empty_rows_do_not_count() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("million.csv");
    let mut text = String::from("title,date,headquarters\n");
    for n in 0..1_000_000 {
        text.push_str(&format!("Talk {n},1405-08-30,education\n"));
    }
    fs::write(&sheet, &text).unwrap();
    let started = std::time::Instant::now();
    let shown = imported(&sheet).expect_err("a million programmes");
    println!("1,000,000 rows: {:?}", started.elapsed());
    assert_eq!(
        shown,
        "error: SHEET, row 100002: is programme 100001 of the sheet; one sheet holds at most \
         100000 (a whole national week): split it, or delete the rows below that are not \
         programmes\n1 error; nothing was written.\n"
    );
    // The same as a workbook: read cell by cell only up to the limit.
    let workbook = dir.path().join("million.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let worksheet = book.add_worksheet();
    for (c, name) in ["title", "date", "headquarters"].iter().enumerate() {
        worksheet.write_string(0, c as u16, *name).unwrap();
    }
    for n in 1..=1_000_000u32 {
        worksheet.write_string(n, 0, format!("Talk {n}")).unwrap();
        worksheet.write_string(n, 1, "1405-08-30").unwrap();
        worksheet.write_string(n, 2, "education").unwrap();
    }
    book.save(&workbook).unwrap();
    let started = std::time::Instant::now();
    let shown = imported(&workbook).expect_err("a million programmes in a workbook");
    println!("1,000,000 rows of .xlsx: {:?}", started.elapsed());
    assert!(
        shown.starts_with(
            "error: SHEET, sheet 'Sheet1', row 100002: is programme 100001 of the sheet"
        ),
        "{shown}"
    );
    // A sheet formatted down to its last row: three programmes, then a
    // million rows with nothing in them.
    let mut text = String::from("title,date,headquarters\n");
    for n in 0..3 {
        text.push_str(&format!("Talk {n},1405-08-30,education\n"));
    }
    text.push_str(&",,\n".repeat(1_000_000));
    fs::write(&sheet, &text).unwrap();
    let started = std::time::Instant::now();
    let programmes = imported(&sheet).expect("three programmes and empty rows");
    println!(
        "3 programmes and 1,000,000 empty rows: {:?}",
        started.elapsed()
    );
    assert_eq!(programmes.len(), 3);
}
