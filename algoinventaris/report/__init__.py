"""PDF reports made with reportlab: the submission report and the yearly CDO report."""
