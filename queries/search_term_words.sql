-- A search term as the word index reads it (dashboard/search.py): lower-cased, and its words of three
-- or more characters, split as queries/derived/refresh_words.sql splits texts. A term that is one
-- such word is answered by the index alone (proposal_search_word_matches.sql).
select
    lower($search) as term,
    list_filter(regexp_split_to_array(lower($search), '[^\p{L}\p{N}]+'), lambda word: length(word) >= 3) as words
