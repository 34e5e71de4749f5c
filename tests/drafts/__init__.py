"""Tests of the CDO's prefilled drafts: database, import plan and confirmation, CLI, drafts in the round bundle."""
