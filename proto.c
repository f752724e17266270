/* The protocols: one row each, in -V's order. */
#include <stddef.h>
#include <strings.h>

#include "proto.h"
#include "dyndns.h"
#include "tzo.h"
#include "rfc2136.h"
#include "rest.h"

static const struct protocol *const rows[] = {
	&proto_dyndns,
	&proto_tzo,
	&proto_rfc2136,
	&proto_rest,
	NULL
};

const struct protocol *
proto_find(const char *name)
{
	size_t i;

	for (i = 0; rows[i] != NULL; i++)
		if (strcasecmp(rows[i]->name, name) == 0)
			return rows[i];
	return NULL;
}

const struct protocol *const *
proto_all(void)
{
	return rows;
}
