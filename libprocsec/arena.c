/*
 * arena.c -- one allocation pool per document.
 *
 * A document is built once, read many times and freed as a whole, so its
 * strings and nodes come from a chain of large blocks: one free releases
 * everything, and no builder error path can leak a piece.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define BLOCK_SIZE (64 * 1024)
#define ALIGN 16

struct block {
	struct block *next;
	size_t used;
	size_t size;
	_Alignas(ALIGN) unsigned char data[];
};

struct ps_arena {
	struct block *head;
};

struct ps_arena *ps_arena_new(void)
{
	return calloc(1, sizeof(struct ps_arena));
}

void ps_arena_free(struct ps_arena *arena)
{
	struct block *b, *next;

	if (arena == NULL)
		return;
	for (b = arena->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(arena);
}

static struct block *add_block(struct ps_arena *arena, size_t need)
{
	size_t size = need > BLOCK_SIZE ? need : BLOCK_SIZE;
	struct block *b;

	if (size > SIZE_MAX - sizeof(*b))
		return NULL;
	b = malloc(sizeof(*b) + size);
	if (b == NULL)
		return NULL;
	b->used = 0;
	b->size = size;
	b->next = arena->head;
	arena->head = b;
	return b;
}

void *ps_arena_alloc(struct ps_arena *arena, size_t size)
{
	struct block *b = arena->head;
	size_t start;

	if (size > SIZE_MAX - ALIGN)
		return NULL;
	size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (b == NULL || b->size - b->used < size) {
		b = add_block(arena, size);
		if (b == NULL)
			return NULL;
	}
	start = b->used;
	b->used += size;
	return memset(b->data + start, 0, size);
}

char *ps_arena_strndup(struct ps_arena *arena, const char *s, size_t len)
{
	char *copy;

	if (len == SIZE_MAX)
		return NULL;
	copy = ps_arena_alloc(arena, len + 1);
	if (copy == NULL)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

char *ps_arena_strdup(struct ps_arena *arena, const char *s)
{
	return ps_arena_strndup(arena, s, strlen(s));
}

char *ps_arena_printf(struct ps_arena *arena, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	s = ps_arena_alloc(arena, (size_t)n + 1);
	if (s == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}
