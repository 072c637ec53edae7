"""Runs one benchmark workload on Bytewax 0.21.1 and reports its timings as JSON.

Usage: bytewax_bench.py WORKLOAD INPUT OUTPUT WARMUPS RUNS BATCH_SIZE

Reads the input file the Java harness wrote (little-endian int64 rows, see InputFile.java), builds the items as
Python objects before any timing, runs the query once to write its results to OUTPUT (one line per result, in the
harness's format), then WARMUPS unreported and RUNS timed runs. Each timed run builds the dataflow and runs it with
run_main, as the Java engines build and run theirs.
"""

import json
import resource
import sys
import time
from array import array
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import bytewax.operators as op
import bytewax.operators.windowing as win
from bytewax.dataflow import Dataflow
from bytewax.operators.windowing import EventClock, SessionWindower, TumblingWindower
from bytewax.testing import TestingSink, TestingSource, run_main

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
ALIGN = datetime(2024, 1, 1, tzinfo=timezone.utc)
ALIGN_MS = int((ALIGN - EPOCH) / timedelta(milliseconds=1))
WAIT = timedelta(seconds=4)


@dataclass(frozen=True, slots=True)
class Tick:
    key: str
    time: datetime


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    date_time: datetime


@dataclass(frozen=True, slots=True)
class Auction:
    id: int
    seller: int
    category: int
    date_time: datetime


@dataclass(frozen=True, slots=True)
class Bid:
    auction: int
    bidder: int
    price: int
    millis: int
    date_time: datetime


def millis(ts):
    return (ts - EPOCH) // timedelta(milliseconds=1)


def read_items(path, nexmark):
    with open(path, "rb") as f:
        count = array("q")
        count.frombytes(f.read(8))
        width = 5 if nexmark else 2
        rows = array("q")
        rows.frombytes(f.read(count[0] * width * 8))
    if sys.byteorder != "little":
        rows.byteswap()
    items = []
    for i in range(count[0]):
        r = rows[i * width:(i + 1) * width]
        if not nexmark:
            items.append(Tick(str(r[0]), EPOCH + timedelta(milliseconds=r[1])))
            continue
        when = EPOCH + timedelta(milliseconds=r[1])
        if r[0] == 0:
            items.append(Person(r[2], when))
        elif r[0] == 1:
            items.append(Auction(r[2], r[3], r[4], when))
        else:
            items.append(Bid(r[2], r[3], r[4], r[1], when))
    return items


def fold_1key(flow, items, batch, out):
    ticks = op.input("inp", flow, TestingSource(items, batch))
    keyed = op.key_on("key", ticks, lambda t: t.key)
    clock = EventClock(lambda t: t.time, wait_for_system_duration=WAIT)
    windower = TumblingWindower(length=timedelta(minutes=1), align_to=ALIGN)
    counted = win.fold_window(
        "fold", keyed, clock, windower, lambda: 0, lambda n, _: n + 1, lambda a, b: a + b, ordered=False
    )
    lines = op.map(
        "line", counted.down, lambda kv: f"{kv[0]} {ALIGN_MS + kv[1][0] * 60_000} {kv[1][1]}"
    )
    op.output("out", lines, TestingSink(out))


def summary(kv):
    key, (window_id, ticks) = kv
    times = [millis(t.time) for t in ticks]
    start = ALIGN_MS + window_id * 60_000
    return f"{key} {start} {len(times)} {sum(times)} {times[0]} {times[-1]}"


def collect_2keys(flow, items, batch, out):
    ticks = op.input("inp", flow, TestingSource(items, batch))
    keyed = op.key_on("key", ticks, lambda t: t.key)
    clock = EventClock(lambda t: t.time, wait_for_system_duration=WAIT)
    windower = TumblingWindower(length=timedelta(minutes=1), align_to=ALIGN)
    collected = win.collect_window("collect", keyed, clock, windower)
    op.output("out", op.map("line", collected.down, summary), TestingSink(out))


def q7(flow, items, batch, out):
    events = op.input("inp", flow, TestingSource(items, batch))
    bids = op.filter("bids", events, lambda e: isinstance(e, Bid))
    keyed = op.key_on("all", bids, lambda _: "ALL")
    clock = EventClock(lambda b: b.date_time, wait_for_system_duration=WAIT)
    windower = TumblingWindower(length=timedelta(seconds=10), align_to=ALIGN)
    highest = win.max_window(
        "max", keyed, clock, windower, by=lambda b: (b.price, -b.millis, -b.bidder, -b.auction)
    )

    def line(kv):
        _, (window_id, b) = kv
        return f"{ALIGN_MS + window_id * 10_000} {b.price} {b.auction} {b.bidder} {b.millis}"

    op.output("out", op.map("line", highest.down, line), TestingSink(out))


def q11(flow, items, batch, out):
    events = op.input("inp", flow, TestingSource(items, batch))
    bids = op.filter("bids", events, lambda e: isinstance(e, Bid))
    clock = EventClock(lambda b: b.date_time, wait_for_system_duration=WAIT)
    windower = SessionWindower(gap=timedelta(seconds=10))
    counted = win.count_window("count", bids, clock, windower, lambda b: str(b.bidder))
    op.output("counts", counted.down, TestingSink(out))
    op.output("metas", counted.meta, TestingSink(out))


def q11_lines(out):
    counts, metas = {}, {}
    for key, (window_id, value) in out:
        if isinstance(value, int):
            counts[(key, window_id)] = value
        else:
            metas[(key, window_id)] = value
    return [
        f"{key} {millis(metas[(key, w)].open_time)} {millis(metas[(key, w)].close_time)} {n}"
        for (key, w), n in counts.items()
    ]


QUERIES = {"FOLD_1KEY": fold_1key, "COLLECT_2KEYS": collect_2keys, "Q7": q7, "Q11": q11}


def run_once(query, items, batch):
    out = []
    flow = Dataflow("bench")
    query(flow, items, batch, out)
    run_main(flow)
    return out


def main():
    workload, input_path, output_path, warmups, runs, batch = sys.argv[1:7]
    query_name = workload.removesuffix("_DELAYED")
    query = QUERIES[query_name]
    items = read_items(input_path, query_name.startswith("Q"))
    batch = int(batch)
    start = time.perf_counter()
    out = run_once(query, items, batch)
    cold = time.perf_counter() - start
    lines = q11_lines(out) if query_name == "Q11" else out
    with open(output_path, "w") as f:
        f.writelines(line + "\n" for line in lines)
    for _ in range(int(warmups)):
        run_once(query, items, batch)
    timed = []
    for _ in range(int(runs)):
        start = time.perf_counter()
        run_once(query, items, batch)
        timed.append(time.perf_counter() - start)
    peak_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"cold": cold, "runs": timed, "items": len(items), "peak_rss_bytes": peak_rss_kb * 1024}))


if __name__ == "__main__":
    main()
