#!/usr/bin/env python3
"""Benchmark the on-disk index against the in-memory corpus at 10k, 100k and 1M sentences.

Corpora are generated deterministically: the distinct article bodies of FNC-1
(../shared/datasets/fnc1/dev-full.jsonl.gz) when present, else the fixture sources, each
repeated in variants (sentences rotated, every number shifted by the variant's number)
until the corpus has the sentences asked for, one body a file, 1,000 files a folder.
Drafts of 20 and 200 claims are built from corpus sentences, half of them with a number
changed. Everything else is timed with /usr/bin/time (wall seconds, peak RSS), median of
--runs runs.

usage: benches/archive.py --bin target/release/claimcheck [--sizes 10000,100000,1000000]
                          [--work /tmp/claimcheck-bench] [--runs 3] [--memory-max 100000]
"""

import argparse, gzip, json, os, pathlib, random, re, shutil, statistics, subprocess, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def bodies():
    fnc = ROOT.parent / "shared/datasets/fnc1/dev-full.jsonl.gz"
    seen, out = set(), []
    if fnc.is_file():
        for line in gzip.open(fnc, "rt", encoding="utf-8"):
            for e in json.loads(line)["evidence"]:
                if e["text"] not in seen:
                    seen.add(e["text"])
                    out.append(e["text"])
        return "FNC-1 bodies", out
    for p in sorted((ROOT / "fixtures/sources").iterdir()):
        if p.suffix in (".txt", ".md"):
            out.append(p.read_text(encoding="utf-8"))
    return "fixture sources", out


def variant(text, v):
    sents = [s for s in SENTENCE.split(" ".join(text.split())) if s]
    if not sents:
        return "", 0
    k = v % len(sents)
    sents = sents[k:] + sents[:k]
    shifted = [re.sub(r"\d+", lambda m: str(int(m.group()) + v), s) for s in sents]
    return "\n\n".join(shifted) + "\n", len(sents)


def make_corpus(work, size, texts):
    folder = work / f"corpus-{size}"
    done = folder / ".complete"
    if done.is_file():
        return folder, json.loads(done.read_text())
    shutil.rmtree(folder, ignore_errors=True)
    total, files, nbytes, v = 0, 0, 0, 0
    picked = []
    while total < size:
        for i, t in enumerate(texts):
            body, n = variant(t, v)
            if n == 0:
                continue
            d = folder / f"part-{files // 1000:04d}"
            d.mkdir(parents=True, exist_ok=True)
            (d / f"doc-{files:07d}.txt").write_text(body, encoding="utf-8")
            if len(picked) < 400 and (files * 7919) % 13 == 0:
                picked.append(SENTENCE.split(" ".join(body.split()))[0])
            files += 1
            total += n
            nbytes += len(body.encode())
            if total >= size:
                break
        v += 1
    meta = {"files": files, "sentences_approx": total, "bytes": nbytes, "picked": picked}
    done.write_text(json.dumps(meta))
    return folder, meta


def make_draft(work, size, claims, picked):
    path = work / f"draft-{size}-{claims}.txt"
    rng = random.Random(claims)
    lines = []
    for i, s in enumerate(picked[:claims]):
        if i % 2 and re.search(r"\d", s):
            s = re.sub(r"\d+", lambda m: str(int(m.group()) * 2 + 1), s, count=1)
        lines.append(s)
    rng.shuffle(lines)
    path.write_text("Draft for the benchmark\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed(cmd, cwd=None):
    """(wall seconds, peak RSS MB, stdout) of one run."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cmd, cwd=cwd,
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"failed: {' '.join(cmd)}\n{out.stderr}")
    wall, kb = out.stderr.strip().splitlines()[-1].split()
    return float(wall), int(kb) / 1024, out.stdout


def median_of(runs, cmd, cwd=None):
    got = [timed(cmd, cwd) for _ in range(runs)]
    return statistics.median(g[0] for g in got), statistics.median(g[1] for g in got), got[0][2]


def du(path):
    return sum(f.stat().st_size for f in pathlib.Path(path).rglob("*") if f.is_file())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--work", default="/tmp/claimcheck-bench")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--memory-max", type=int, default=100000,
                    help="largest size also checked in memory (it reads the whole corpus)")
    ap.add_argument("--postgres", help="postgres:// URL: also load and check against it")
    a = ap.parse_args()
    binary = str(pathlib.Path(a.bin).resolve())
    work = pathlib.Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    origin, texts = bodies()
    print(f"corpus text: {origin} ({len(texts)} bodies) and variants; median of {a.runs}")
    print()
    print("| sentences | files | MB | build s / peak MB | MB/s | index MB | update 1% s | "
          "check 20 claims s / MB | check 200 claims s / MB | in memory 20 claims s / MB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    postgres_rows = []
    for size in [int(s) for s in a.sizes.split(",")]:
        corpus, meta = make_corpus(work, size, texts)
        index = work / f"index-{size}"
        shutil.rmtree(index, ignore_errors=True)
        wall, build_mb, _ = timed([binary, "index", "build", str(corpus), "--index", str(index), "-q"])
        info = subprocess.run([binary, "index", "info", "--index", str(index)],
                              capture_output=True, text=True).stdout
        sentences = int(re.search(r"(\d+) sentences", info).group(1))
        mb = meta["bytes"] / 1e6
        # Change 1% of the files (a sentence added to each), then update.
        files = sorted(corpus.rglob("doc-*.txt"))
        changed = files[:: 100]
        for f in changed:
            f.write_text(f.read_text(encoding="utf-8") + "\nA late correction was added.\n",
                         encoding="utf-8")
        upd, _, _ = timed([binary, "index", "update", "--index", str(index), "-q"])
        for f in changed:
            f.write_text(f.read_text(encoding="utf-8").replace(
                "\nA late correction was added.\n", ""), encoding="utf-8")
        timed([binary, "index", "update", "--index", str(index), "-q"])
        row = [f"{sentences:,}", f"{meta['files']:,}", f"{mb:.0f}", f"{wall:.1f} / {build_mb:.0f}",
               f"{mb / wall:.1f}", f"{du(index) / 1e6:.0f}", f"{upd:.2f}"]
        for claims in (20, 200):
            draft = make_draft(work, size, claims, meta["picked"])
            w, m, _ = median_of(a.runs, [binary, "check", str(draft), "--index", str(index),
                                         "--format", "json", "--fail-on", "never"])
            row.append(f"{w:.2f} / {m:.0f}")
        if a.postgres:
            db = f"claimcheck_bench_{size}"
            subprocess.run(["psql", a.postgres, "-qc", f"DROP DATABASE IF EXISTS {db}"], check=True)
            subprocess.run(["psql", a.postgres, "-qc", f"CREATE DATABASE {db}"], check=True)
            url = a.postgres.rsplit("/", 1)[0] + "/" + db
            pw, pm, _ = timed([binary, "index", "build", str(corpus), "--index", url, "-q"])
            pg = [f"{pw:.1f} / {pm:.0f}"]
            for claims in (20, 200):
                if claims == 200 and size > a.memory_max:
                    pg.append("not run")
                    continue
                draft = make_draft(work, size, claims, meta["picked"])
                w, m, out = median_of(a.runs, [binary, "check", str(draft), "--index", url,
                                               "--format", "json", "--fail-on", "never"])
                _, _, disk_out = timed([binary, "check", str(draft), "--index", str(index),
                                        "--format", "json", "--fail-on", "never"])
                same = "same" if out == disk_out else "DIFFERENT"
                pg.append(f"{w:.2f} / {m:.0f} ({same})")
            postgres_rows.append(f"| {sentences:,} | " + " | ".join(pg) + " |")
        if size <= a.memory_max:
            draft = make_draft(work, size, 20, meta["picked"])
            w, m, _ = median_of(1, [binary, "check", str(draft), "--corpus", str(corpus),
                                    "--format", "json", "--fail-on", "never"])
            row.append(f"{w:.2f} / {m:.0f}")
        else:
            row.append("not run")
        print("| " + " | ".join(row) + " |", flush=True)
    if postgres_rows:
        print()
        print("PostgreSQL (same drafts; 'same' = report byte-identical to the on-disk index's)")
        print()
        print("| sentences | load s / peak MB | check 20 claims s / MB | check 200 claims s / MB |")
        print("| --- | --- | --- | --- |")
        for r in postgres_rows:
            print(r)


if __name__ == "__main__":
    main()
