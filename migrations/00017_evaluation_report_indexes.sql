-- +goose Up
-- The evaluation report counts a programme's answers per form, question and value (internal/evaluation,
-- answerGroupsOf). With these columns in one index, PostgreSQL reads the counts from the index alone, already in
-- group order: at national scale the largest programme's 115,000 answers are counted without touching the table
-- or sorting. It starts with form_id, so it also serves every lookup the single-column index served.
CREATE INDEX evaluation_answers_report_idx ON evaluation_answers (form_id, question_id, scale_value, choice_value);
DROP INDEX evaluation_answers_form_idx;
-- The open answers respondents shared with the funder are few; the report reads their texts through this.
CREATE INDEX evaluation_answers_shared_idx ON evaluation_answers (form_id, question_id) WHERE share_with_funder;

-- +goose Down
DROP INDEX evaluation_answers_shared_idx;
CREATE INDEX evaluation_answers_form_idx ON evaluation_answers (form_id);
DROP INDEX evaluation_answers_report_idx;
