-- holds_on(start_date, end_date, handed_over, day): whether a term of leader_terms holds its
-- office on `day`, for references by office: its first and last days count, but for a last day
-- on which a successor takes the office (handed_over): that day, "the prime minister" is the
-- new one. The one definition for every statement that resolves a reference.
create or replace macro holds_on(start_date, end_date, handed_over, day) as (
    start_date <= day
    and (end_date is null or day < end_date or (day = end_date and not handed_over))
);
