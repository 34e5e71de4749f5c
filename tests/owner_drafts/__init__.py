"""Owner-side drafts from the CDO: opening, starting, the wizard hint and the summary."""
