/*
 * vec.c -- a growable array of fixed-size items.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void ps_vec_init(struct ps_vec *vec, size_t item_size)
{
	memset(vec, 0, sizeof(*vec));
	vec->item_size = item_size;
}

static int grow(struct ps_vec *vec)
{
	size_t cap = vec->cap ? vec->cap * 2 : 16;
	void *items;

	if (cap > SIZE_MAX / vec->item_size)
		return -1;
	items = realloc(vec->items, cap * vec->item_size);
	if (items == NULL)
		return -1;
	vec->items = items;
	vec->cap = cap;
	return 0;
}

void *ps_vec_push(struct ps_vec *vec)
{
	void *item;

	if (vec->count == vec->cap && grow(vec) != 0)
		return NULL;
	item = (char *)vec->items + vec->count * vec->item_size;
	vec->count++;
	return memset(item, 0, vec->item_size);
}

void *ps_vec_at(const struct ps_vec *vec, size_t i)
{
	if (i >= vec->count)
		return NULL;
	return (char *)vec->items + i * vec->item_size;
}

void ps_vec_free(struct ps_vec *vec)
{
	free(vec->items);
	vec->items = NULL;
	vec->count = vec->cap = 0;
}
