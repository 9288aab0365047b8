import json, re, sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from places import P
from reports import R

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests/fixtures/world_holdout"
OUT.mkdir(parents=True, exist_ok=True)
LAB = dict(L="LOCATION", A="ACTOR", G="ACTOR", D="DATE", C="CASUALTY", P="PERSON", W="WEAPON")
TOK = re.compile(r"\[([LAGDCPW]):([^\]]+)\]|\{(\d):([^}]+)\}")
FIELDS = ["event_type","sub_event_type","event_date","time_precision","actor1","inter1","assoc_actor_1","assoc_inter_1","actor2","inter2","assoc_actor_2","assoc_inter_2","civilian_targeting","country","admin1","admin2","location","geo_precision","fatalities","fatalities_rule","injuries","notes"]

def parse(marked):
    out, spans, trig, pos = [], [], {}, 0
    for m in TOK.finditer(marked):
        out.append(marked[pos:m.start()])
        start = sum(map(len, out))
        if m.group(1):
            code, t = m.group(1), m.group(2)
            s = dict(start=start, end=start + len(t), label=LAB[code], text=t)
            if code == "L":
                s["normalized"] = P[t.lower()]
            elif code in "AG":
                s["normalized"] = {"generic": code == "G"}
            spans.append(s)
        else:
            t = m.group(4)
            trig[m.group(3)] = dict(start=start, end=start + len(t), text=t)
        out.append(t)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans, trig

gold = json.loads((ROOT / "tests/fixtures/gold_world.json").read_text())
articles = []
for r in R:
    headline, body = r["head"], r["body"].strip("\n")
    text, spans, trig = parse(headline + "\n\n" + body)
    hl = text.index("\n")
    raw = f"Published: {r['pub_line']}\n\n{text}\n"
    if r.get("see"):
        raw += f"See also: {r['see']}\n"
    (OUT / r["file"]).write_text(raw, encoding="utf-8")
    for s in spans:
        assert text[s["start"]:s["end"]] == s["text"]
    def ref(x):
        name, _, n = x.partition("#")
        hits = [s for s in spans if s["text"] == name and s["start"] > hl]
        assert len(hits) >= int(n or 1), (r["file"], x)
        s = hits[int(n or 1) - 1]
        return dict(text=s["text"], start=s["start"], end=s["end"])
    events = []
    for e in r["events"]:
        ev = {"trigger": trig[e["t"]]}
        base = dict(assoc_actor_1=None, assoc_inter_1=None, actor2=None, inter2=None, assoc_actor_2=None,
                    assoc_inter_2=None, civilian_targeting=False, admin2=None, time_precision=1, geo_precision=1,
                    fatalities=0, fatalities_rule="no deaths reported", injuries=None, country=r["country"])
        base.update(e)
        for f in FIELDS:
            ev[f] = base[f]
        ev["roles"] = {k: [ref(x) for x in v] for k, v in e.get("roles", {}).items()}
        events.append(ev)
    articles.append(dict(file=r["file"], published_at=r["pub"], country=r["country"], spans=spans, events=events))
doc = dict(annotator="gold", guidelines=gold["guidelines"], articles=articles)
(ROOT / "tests/fixtures/gold_world_holdout.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
for f in OUT.glob("*.txt"):
    n = len(f.read_text().split())
    if not 80 <= n <= 250: print("WORDS", f.name, n)
print(len(articles), "articles")
