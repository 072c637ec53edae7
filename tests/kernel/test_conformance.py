"""Jupyter's own kernel conformance suite (jupyter_kernel_test) with every sample it supports."""
import unittest

import jupyter_kernel_test


class EddyKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = "eddy"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'

    completion_samples = [
        {"text": "System.out.prin", "matches": {"print(", "printf(", "println("}},
        {"text": "Math.fl", "matches": {"floor(", "floorDiv(", "floorMod("}},
    ]

    complete_code_samples = ["int a = 1;", "1 + 2", "void f() { }", "int b = 2;\nb * 3"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "void f() {", "String s = \"a\" +"]
    invalid_code_samples = ["int a = ;", "}"]

    code_generate_error = 'throw new RuntimeException("boom");'

    code_execute_result = [
        {"code": "int x = 1 + 2; x", "result": "3"},
        {"code": "java.util.List.of(1, 2, 3)", "result": "[1, 2, 3]"},
        {"code": '"<b>hi</b>"', "result": "<b>hi</b>"},
    ]

    code_display_data = [
        {"code": 'display("<b>hi</b>", "text/html");', "mime": "text/html"},
        {"code": 'display("just text");', "mime": "text/plain"},
    ]

    code_history_pattern = "int x = 1 + 2*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max("


if __name__ == "__main__":
    unittest.main()
