"""Results.writeParquet in the real kernel, whose shaded jar holds no Hadoop: the file is Parquet (its magic at both
ends, a footer naming the columns). ResultsParquetTest reads every row and type back with parquet-java."""
import pathlib
import struct
import tempfile
import zipfile

from jupyter_client.manager import start_new_kernel

ROOT = pathlib.Path(__file__).parents[2]

CELL = """record Reading(String sensor, double celsius, Instant at) {}
var flow = new Dataflow("pq_kernel");
var in = flow.input("inp", TestingSource.of(new Reading("a", 20.5, Instant.EPOCH), new Reading("b", 19.0, Instant.EPOCH)));
Capture.of(flow).stream("readings", in).run().writeParquet("readings", Path.of("PATH"))"""


def test_parquet_kernel_write_parquet_writes_a_parquet_file_from_a_kernel_without_hadoop():
    with zipfile.ZipFile(ROOT / "target" / "eddy-kernel.jar") as jar:
        assert not [n for n in jar.namelist() if n.startswith("org/apache/hadoop/")], "the kernel jar has no Hadoop"
    km, kc = start_new_kernel(kernel_name="eddy", startup_timeout=90)
    try:
        with tempfile.TemporaryDirectory() as home:
            path = pathlib.Path(home) / "out" / "readings.parquet"
            code = CELL.replace("PATH", str(path))
            reply = kc.execute_interactive(code, timeout=120)
            assert reply["content"]["status"] == "ok", reply["content"]
            data = path.read_bytes()
            assert data[:4] == b"PAR1" and data[-4:] == b"PAR1", data[:8]
            footer_length = struct.unpack("<I", data[-8:-4])[0]
            footer = data[-8 - footer_length:-8]
            for column in (b"sensor", b"celsius", b"at"):
                assert column in footer, f"the footer names column {column!r}"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
