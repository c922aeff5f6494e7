//! Writes a large SYNTHETIC archive for benchmarks (issue 8).
//!
//! ```text
//! cargo run --release --example gen-archive -- --articles 100000 --seed 1 -o big.json
//! cargo run --release --example gen-archive -- --articles 1000 --jsonl -o big.jsonl
//! ```
//!
//! The same arguments give the same bytes. The archive's title says it is
//! synthetic (`合成测试档案 (synthetic)`); in JSON Lines, which has no title,
//! every article carries `"synthetic": true` (an unknown field the loader
//! keeps). About 2.5 KB per article: 100 000 articles make about 250 MB.

mod synth;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

use bulletin::model::FORMAT_TAG;
use serde_json::{Value, json};
use synth::{Places, Rng};

/// Districts in every archive: dozens, with hundreds of subdistricts.
const DISTRICTS: usize = 40;

struct Args {
    articles: usize,
    seed: u64,
    output: String,
    jsonl: bool,
}

const USAGE: &str = "usage: gen-archive [--articles N] [--seed S] [--jsonl] -o FILE";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        articles: 1000,
        seed: 1,
        output: String::new(),
        jsonl: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--articles" => args.articles = value()?.parse().map_err(|e| format!("{e}"))?,
            "--seed" => args.seed = value()?.parse().map_err(|e| format!("{e}"))?,
            "-o" | "--output" => args.output = value()?,
            "--jsonl" => args.jsonl = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.output.is_empty() {
        return Err("-o FILE is required".into());
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("gen-archive: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match write(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-archive: {}: {e}", args.output);
            ExitCode::FAILURE
        }
    }
}

fn write(args: &Args) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, File::create(&args.output)?);
    let mut rng = Rng::new(args.seed);
    let places = Places::new(&mut rng, DISTRICTS);
    if !args.jsonl {
        let title = "合成测试档案 (synthetic)";
        let key = format!("synthetic-seed{}-n{}", args.seed, args.articles);
        writeln!(
            out,
            "{{\"format\":\"{FORMAT_TAG}\",\"title\":{},\"key\":{},\
             \"generator\":\"examples/gen-archive\",\"articles\":[",
            json!(title),
            json!(key)
        )?;
    }
    for n in 1..=args.articles {
        let article = synth::article(&mut rng, &places, n);
        if args.jsonl {
            let mut value = serde_json::to_value(&article)?;
            if let Value::Object(map) = &mut value {
                map.insert("synthetic".into(), Value::Bool(true));
            }
            serde_json::to_writer(&mut out, &value)?;
            out.write_all(b"\n")?;
        } else {
            serde_json::to_writer(&mut out, &article)?;
            out.write_all(if n < args.articles { b",\n" } else { b"\n" })?;
        }
    }
    if !args.jsonl {
        out.write_all(b"]}\n")?;
    }
    out.flush()
}
