-- sliceable: one row when the store's stories view follows the language and source-country
-- slices (it has source_country); none in a store an older Kabar made.
select column_name
from duckdb_columns()
where database_name = current_database()
    and table_name = 'stories'
    and column_name = 'source_country'
