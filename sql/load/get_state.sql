select value from store_state where key = $key
