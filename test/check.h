/* The unit tests' harness: CHECK records a failure, done() reports a table. */
static int failures;
static int casefailed;

#define CHECK(cond, ...) do { \
	if (!(cond)) { \
		printf("     line %d: ", __LINE__); \
		printf(__VA_ARGS__); \
		printf("\n"); \
		casefailed = 1; \
	} \
} while (0)

static void
done(const char *name)
{
	printf("%s unit: %s\n", casefailed ? "FAIL" : "ok  ", name);
	failures += casefailed;
	casefailed = 0;
}
