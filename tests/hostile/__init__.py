"""The hostile-input and fault suite: hostile packages, SIGKILL trials, fuzzing, concurrency (issue 10)."""
