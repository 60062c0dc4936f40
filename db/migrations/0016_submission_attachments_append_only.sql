-- An attachment is evidence of what was submitted: like the submission it belongs to, it is
-- never changed or removed (a wrong file is followed by the right one).
CREATE TRIGGER submission_attachments_append_only BEFORE UPDATE OR DELETE ON submission_attachments
  FOR EACH ROW EXECUTE FUNCTION reject_history_change();
