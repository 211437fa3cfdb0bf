"""Jupyter's own kernel test suite (jupyter_kernel_test) against the Keyton kernel."""
import unittest

import jupyter_kernel_test


class KeytonKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "keyton"
    language_name = "keyton"
    file_extension = ".ky"

    code_hello_world = 'print("hello, world")'

    completion_samples = [
        {"text": "pri", "matches": {"print"}},
        {"text": "ran", "matches": {"range"}},
    ]

    complete_code_samples = ["1 + 1", "x = 3", "fn f(x):\n    x\n\n"]
    incomplete_code_samples = ["fn f(x):", "print(1,", "if True:"]
    invalid_code_samples = ["x = )", "1 +* 2"]

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "1.5 + 2", "result": "3.5"},
        {"code": '"ab" + "cd"', "result": "abcd"},
        {"code": "[1, 2, 3]", "result": "[1, 2, 3]"},
        {"code": 'html("<b>bold</b>")', "mime": "text/html", "result": "<b>bold</b>"},
        {"code": '[{"a": "1", "b": "2"}]', "mime": "text/html"},
    ]

    code_display_data = [
        {"code": 'display(html("<i>hi</i>"))', "mime": "text/html"},
        {"code": 'display(markdown("# Title"))', "mime": "text/markdown"},
        {"code": 'display(svg("<svg xmlns=\'http://www.w3.org/2000/svg\'/>"))', "mime": "image/svg+xml"},
        {"code": 'display({"x": [1, 2], "y": [3, 4]})', "mime": "text/html"},
    ]

    code_clear_output = 'print("gone")\nclear_output()\nprint("kept")'

    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6 *"

    code_inspect_sample = "print"

    code_page_something = "print?"

    code_generate_error = "[1, 2][5]"

    code_stderr = 'eprint("to stderr")'


if __name__ == "__main__":
    unittest.main()
