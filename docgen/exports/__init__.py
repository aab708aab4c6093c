"""What a case exports beside its documents: chronology workbooks (`workbooks/`) and the timetable as a calendar."""
