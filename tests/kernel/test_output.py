"""A cell's output under volume, through jupyter_client: coalesced into few stream messages, never losing the final
idle status, and past a limit cut to its head and tail with a note that says how much was cut."""
import re

from conftest import iopub_until_idle, shell_reply

HEAD_BYTES = 1024 * 1024  # the kernel streams the first 1 MiB of a cell's output as it comes
TAIL_BYTES = 256 * 1024   # and shows the last 256 KiB of the rest when the cell ends


def run_loud_cell(kc, code, timeout=120):
    """Runs code, waits for its reply first (so every message is queued before any is read), then reads its iopub
    messages up to idle. Returns the reply content, the stream messages as (name, text), and the other outputs."""
    msg_id = kc.execute(code)
    reply = shell_reply(kc, msg_id, timeout)["content"]
    outputs = iopub_until_idle(kc, msg_id, timeout)
    streams = [(content["name"], content["text"]) for kind, content in outputs if kind == "stream"]
    others = [(kind, content) for kind, content in outputs if kind in ("execute_result", "display_data", "error")]
    return reply, streams, others


def numbers(count):
    return "".join(f"{i}\n" for i in range(count))


def test_fifty_thousand_lines_arrive_complete_in_few_messages(kernel):
    _, kc = kernel
    reply, streams, _ = run_loud_cell(kc, "for (int i = 0; i < 50_000; i++) System.out.println(i);")
    assert reply["status"] == "ok"
    assert "".join(text for _, text in streams) == numbers(50_000)
    assert {name for name, _ in streams} == {"stdout"}
    assert len(streams) < 100, f"{len(streams)} stream messages for 50,000 lines"


def test_half_a_million_lines_keep_head_and_tail_and_say_how_much_was_cut(kernel):
    _, kc = kernel
    reply, streams, _ = run_loud_cell(kc, "for (int i = 0; i < 500_000; i++) System.out.println(i);")
    assert reply["status"] == "ok"  # and the idle status arrived, or run_loud_cell would have timed out
    assert len(streams) < 200, f"{len(streams)} stream messages for 500,000 lines"
    notes = [i for i, (name, _) in enumerate(streams) if name == "stderr"]
    assert len(notes) == 2, streams[notes[0]:] if notes else "no note"
    head = "".join(text for _, text in streams[:notes[0]])
    held_note = streams[notes[0]][1]
    cut_note = streams[notes[1]][1]
    tail = "".join(text for _, text in streams[notes[1] + 1:])
    everything = numbers(500_000)

    # the head is whole lines from the start, as much as fits in 1 MiB
    assert everything.startswith(head) and head.endswith("\n")
    assert HEAD_BYTES - 8 < len(head) <= HEAD_BYTES
    # the tail is whole lines up to the end, as much as fits in 256 KiB
    assert everything.endswith(tail) and tail.startswith(str(500_000 - tail.count("\n")) + "\n")
    assert TAIL_BYTES - 8 < len(tail) <= TAIL_BYTES
    # the notes say what happened and how much is missing between head and tail
    assert "1 MiB" in held_note and "256 KiB" in held_note
    cut_lines = 500_000 - head.count("\n") - tail.count("\n")
    cut_bytes = len(everything) - len(head) - len(tail)
    m = re.search(r"([\d,]+) lines \(([\d,]+) bytes\) cut here", cut_note)
    assert m, cut_note
    assert (int(m.group(1).replace(",", "")), int(m.group(2).replace(",", ""))) == (cut_lines, cut_bytes)


def test_the_limit_is_per_cell(kernel):
    _, kc = kernel
    run_loud_cell(kc, "for (int i = 0; i < 300_000; i++) System.out.println(i);")
    reply, streams, _ = run_loud_cell(kc, 'System.out.println("next cell");')
    assert streams == [("stdout", "next cell\n")]


def test_inspect_over_six_thousand_items_arrives_complete_in_few_messages(kernel):
    _, kc = kernel
    code = """
    Dataflow flow = new Dataflow("loud");
    flow.input("inp", TestingSource.of(IntStream.range(0, 6_000).boxed().toList(), 100)).inspect("look");
    Runner.runMain(flow);
    """
    reply, streams, _ = run_loud_cell(kc, code)
    assert reply["status"] == "ok"
    lines = "".join(text for _, text in streams).splitlines()
    assert lines == [f"loud.look: {i}" for i in range(6_000)]
    assert len(streams) < 50, f"{len(streams)} stream messages for 6,000 items"


def test_stdout_stderr_and_display_keep_their_order(kernel):
    _, kc = kernel
    code = """
    System.out.println("one");
    System.err.println("two");
    display("three");
    System.out.println("four");
    """
    msg_id = kc.execute(code)
    order = []
    while True:
        msg = kc.get_iopub_msg(timeout=30)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
        if msg["msg_type"] == "stream":
            order.append(msg["content"]["text"])
        elif msg["msg_type"] == "display_data":
            order.append(msg["content"]["data"]["text/plain"])
    shell_reply(kc, msg_id)
    assert order == ["one\n", "two\n", "three", "four\n"]


def test_twenty_thousand_displays_all_arrive_and_so_does_idle(kernel):
    _, kc = kernel
    reply, _, others = run_loud_cell(kc, 'for (int i = 0; i < 20_000; i++) display("d" + i);', timeout=180)
    assert reply["status"] == "ok"
    shown = [c["data"]["text/plain"] for t, c in others if t == "display_data"]
    assert shown == [f"d{i}" for i in range(20_000)]
