-- The language of the request that asked for a company report (Accept-Language: en, ru, kk),
-- so the e-mail sent when it is ready, later and by another request, is in it. NULL: none asked
-- (rows made before too): the e-mail is in Russian and English, as it always was.
ALTER TABLE requests ADD COLUMN lang TEXT;
