"""The CDO workspace window: import (folder picker, drag and drop, worker thread), dashboard, submissions, quarantine, trust."""
