/* prepare.c: a checked job's local inputs, once every instance is checked */

/* The secret, the links' presence, the state directory, the CA bundle; -1 with fail() (dry: -n, see prepare.c). */
int prepare_job(struct job *, int);
/* The secret: -p's file (read once for all instances), the file's, or DDNSUP_PASSWORD. */
int prepare_secret(struct job *);
/* The CA file a job uses (NULL when none is found); 0 when it needs none. */
int prepare_cafile(struct job *);
