-- Replace the queens regnant with the registered frame new_regnant_queens.
delete from regnant_queens;
insert into regnant_queens by name select * from new_regnant_queens;
