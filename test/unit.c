/* Table-driven tests of ddnsup's pure functions. */
#include <stdio.h>
#include <string.h>

#include "ddnsup.h"

static int failures;

#define CHECK(name, cond) do { \
	if (!(cond)) { \
		printf("FAIL unit: %s (%s:%d)\n", name, __FILE__, __LINE__); \
		failures++; \
	} \
} while (0)

static void
report(const char *name, int before)
{
	if (failures == before)
		printf("ok   unit: %s\n", name);
}

int
main(void)
{
	int f;

	f = failures;
	report("base64", f);
	return failures != 0;
}
