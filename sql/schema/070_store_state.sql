-- store_state: small facts about the store itself, such as the leader list version that
-- the stored mentions were counted with.
create table if not exists store_state (
    key varchar primary key,
    value varchar not null
);
