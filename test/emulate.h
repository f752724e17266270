/* emulate.c: the providers' side of each preset, for test/provider */
void emu_zone(const char *);
void emu_cred(const char *);
size_t emulate(const char *, char *, const char *, char *, size_t);
