from django.db import migrations

# Kept phrases: clauses found in a large share of replies (boilerplate such as 现答复如下). A
# quoted query inside one of them need not check the text of the replies known to hold it,
# which would otherwise cost an lz4 decompression and a search each. Statement triggers keep
# the list of replies holding each phrase exact through every write of the normalised text.
KEPT = """
CREATE TABLE replies_searchphrase (phrase text PRIMARY KEY);
-- Each listed reply with its entry's facet key (migration 0007), so that a kept phrase's
-- matches are counted by combination of facet values from an index alone.
CREATE TABLE replies_searchphrasematch (
    phrase text NOT NULL,
    reply_id bigint NOT NULL,
    facet_key integer,
    PRIMARY KEY (phrase, reply_id)
);
CREATE INDEX replies_searchphrasematch_reply ON replies_searchphrasematch (reply_id);
CREATE INDEX replies_searchphrasematch_key ON replies_searchphrasematch (phrase, facet_key);

CREATE FUNCTION replies_searchphrase_match() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM replies_searchphrasematch m USING old_rows o WHERE m.reply_id = o.reply_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO replies_searchphrasematch (phrase, reply_id, facet_key)
        SELECT p.phrase, n.reply_id, e.facet_key
        FROM new_rows n JOIN replies_searchphrase p ON strpos(n.text_norm, p.phrase) > 0
        LEFT JOIN replies_searchentry e ON e.reply_id = n.reply_id;
    END IF;
    RETURN NULL;
END $$;

-- An entry written (after its text, or with other facet values) passes its key on.
CREATE FUNCTION replies_searchphrase_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE replies_searchphrasematch m SET facet_key = n.facet_key
    FROM new_rows n
    WHERE m.reply_id = n.reply_id AND m.facet_key IS DISTINCT FROM n.facet_key;
    RETURN NULL;
END $$;
CREATE TRIGGER replies_searchphrase_key_insert AFTER INSERT ON replies_searchentry
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION replies_searchphrase_key();
CREATE TRIGGER replies_searchphrase_key_update AFTER UPDATE ON replies_searchentry
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION replies_searchphrase_key();

CREATE TRIGGER replies_searchphrase_insert AFTER INSERT ON replies_searchtext
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION replies_searchphrase_match();
CREATE TRIGGER replies_searchphrase_update AFTER UPDATE ON replies_searchtext
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION replies_searchphrase_match();
CREATE TRIGGER replies_searchphrase_delete AFTER DELETE ON replies_searchtext
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION replies_searchphrase_match();

-- TRUNCATE (manage.py flush, test teardown) fires no row or transition triggers.
CREATE FUNCTION replies_searchphrase_empty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE replies_searchphrasematch;
    RETURN NULL;
END $$;
CREATE TRIGGER replies_searchphrase_empty AFTER TRUNCATE ON replies_searchtext
FOR EACH STATEMENT EXECUTE FUNCTION replies_searchphrase_empty();
"""
KEPT_REVERSE = """
DROP TRIGGER replies_searchphrase_key_update ON replies_searchentry;
DROP TRIGGER replies_searchphrase_key_insert ON replies_searchentry;
DROP FUNCTION replies_searchphrase_key();
DROP TRIGGER replies_searchphrase_empty ON replies_searchtext;
DROP FUNCTION replies_searchphrase_empty();
DROP TRIGGER replies_searchphrase_delete ON replies_searchtext;
DROP TRIGGER replies_searchphrase_update ON replies_searchtext;
DROP TRIGGER replies_searchphrase_insert ON replies_searchtext;
DROP FUNCTION replies_searchphrase_match();
DROP TABLE replies_searchphrasematch;
DROP TABLE replies_searchphrase;
"""


class Migration(migrations.Migration):
    """The replies holding each kept phrase (chosen by `manage.py reindex`), so that quoted
    queries inside boilerplate check only the other candidates' text."""

    dependencies = [("replies", "0008_search_hot_terms")]

    operations = [migrations.RunSQL(KEPT, KEPT_REVERSE)]
