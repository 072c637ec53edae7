"""Prints one closing line for the whole test command: the JUnit (Surefire) and pytest counts added up."""
import glob
import sys
import xml.etree.ElementTree as ET


def counts(path):
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    total = failed = skipped = 0
    for suite in suites:
        total += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
    return total, failed, skipped


def main():
    files = glob.glob("target/surefire-reports/TEST-*.xml") + glob.glob("target/pytest.xml")
    if not files:
        print("test-summary: no test reports under target/; run the tests first", file=sys.stderr)
        return 2
    total = failed = skipped = 0
    for path in files:
        t, f, s = counts(path)
        total, failed, skipped = total + t, failed + f, skipped + s
    passed = total - failed - skipped
    print(f"total: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
