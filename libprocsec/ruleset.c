/*
 * ruleset.c -- the compiled rule set: releasing it, and the read-only
 * accessors of its packs and rules.
 */
#include <stdlib.h>
#include <string.h>

#include "pack.h"

PROCSEC_API void procsec_ruleset_free(procsec_ruleset *rules)
{
	size_t i;

	if (rules == NULL)
		return;
	for (i = 0; i < rules->patterns.count; i++)
		pcre2_code_free(((struct ps_pattern *)ps_vec_at(&rules->patterns, i))
		                        ->code);
	pcre2_code_free(rules->quantity);
	pcre2_match_context_free(rules->match_context);
	ps_vec_free(&rules->packs);
	ps_vec_free(&rules->params);
	ps_vec_free(&rules->patterns);
	ps_vec_free(&rules->rules);
	ps_vec_free(&rules->infers);
	ps_vec_free(&rules->waivers);
	ps_arena_free(rules->arena);
	free(rules);
}

double ps_number_value(const procsec_ruleset *rules, const struct ps_number *n)
{
	if (n->param < 0)
		return n->value;
	return ((const struct ps_param *)ps_vec_at(&rules->params,
	                                           (size_t)n->param))
	        ->value;
}

const char *ps_text_in(const struct ps_text *text, const char *lang)
{
	if (lang != NULL && strcmp(lang, "sv") == 0 && text->sv != NULL)
		return text->sv;
	return text->en;
}

PROCSEC_API size_t procsec_ruleset_count(const procsec_ruleset *rules)
{
	return rules != NULL ? rules->rules.count : 0;
}

PROCSEC_API const procsec_rule *procsec_ruleset_at(const procsec_ruleset *rules,
                                                   size_t i)
{
	return rules != NULL ? ps_vec_at(&rules->rules, i) : NULL;
}

PROCSEC_API const procsec_rule *
procsec_ruleset_find(const procsec_ruleset *rules, const char *id)
{
	size_t i;

	for (i = 0; rules != NULL && id != NULL && i < rules->rules.count; i++) {
		const procsec_rule *rule = ps_vec_at(&rules->rules, i);

		if (strcmp(rule->id, id) == 0)
			return rule;
	}
	return NULL;
}

PROCSEC_API size_t procsec_ruleset_pack_count(const procsec_ruleset *rules)
{
	return rules != NULL ? rules->packs.count : 0;
}

static const struct ps_pack *pack_at(const procsec_ruleset *rules, size_t i)
{
	return rules != NULL ? ps_vec_at(&rules->packs, i) : NULL;
}

PROCSEC_API const char *procsec_ruleset_pack_id(const procsec_ruleset *rules,
                                                size_t i)
{
	const struct ps_pack *p = pack_at(rules, i);

	return p != NULL ? p->id : NULL;
}

PROCSEC_API const char *
procsec_ruleset_pack_version(const procsec_ruleset *rules, size_t i)
{
	const struct ps_pack *p = pack_at(rules, i);

	return p != NULL ? p->version : NULL;
}

PROCSEC_API const char *
procsec_ruleset_pack_title(const procsec_ruleset *rules, size_t i,
                           const char *lang)
{
	const struct ps_pack *p = pack_at(rules, i);

	return p != NULL ? ps_text_in(&p->title, lang) : NULL;
}

PROCSEC_API const char *procsec_severity_name(procsec_severity severity)
{
	static const char *const names[] = { "info", "warning", "error" };

	return (unsigned)severity < 3 ? names[severity] : "?";
}

PROCSEC_API const char *procsec_status_name(procsec_status status)
{
	static const char *const names[] = { "pass", "fail", "not_applicable",
		                             "unknown", "error", "waived" };

	return (unsigned)status < 6 ? names[status] : "?";
}

PROCSEC_API const char *procsec_rule_id(const procsec_rule *rule)
{
	return rule != NULL ? rule->id : NULL;
}

PROCSEC_API const char *procsec_rule_pack(const procsec_rule *rule)
{
	return rule != NULL ? rule->pack_id : NULL;
}

PROCSEC_API procsec_severity procsec_rule_severity(const procsec_rule *rule)
{
	return rule != NULL ? rule->severity : PROCSEC_SEVERITY_INFO;
}

PROCSEC_API const char *procsec_rule_title(const procsec_rule *rule,
                                           const char *lang)
{
	return rule != NULL ? ps_text_in(&rule->title, lang) : NULL;
}

PROCSEC_API const char *procsec_rule_message(const procsec_rule *rule,
                                             const char *lang)
{
	return rule != NULL ? ps_text_in(&rule->message, lang) : NULL;
}

PROCSEC_API size_t procsec_rule_severity_case_count(const procsec_rule *rule)
{
	return rule != NULL ? rule->severity_case_count : 0;
}

PROCSEC_API procsec_severity
procsec_rule_severity_case(const procsec_rule *rule, size_t i)
{
	return rule != NULL && i < rule->severity_case_count
	               ? rule->severity_cases[i].severity
	               : PROCSEC_SEVERITY_INFO;
}

PROCSEC_API const char *
procsec_rule_severity_case_when(const procsec_rule *rule, size_t i,
                                const char *lang)
{
	return rule != NULL && i < rule->severity_case_count
	               ? ps_text_in(&rule->severity_cases[i].described, lang)
	               : NULL;
}

PROCSEC_API const char *procsec_rule_remediation(const procsec_rule *rule,
                                                 const char *lang)
{
	return rule != NULL ? ps_text_in(&rule->remediation, lang) : NULL;
}

PROCSEC_API size_t procsec_rule_reference_count(const procsec_rule *rule)
{
	return rule != NULL ? rule->reference_count : 0;
}

PROCSEC_API const char *procsec_rule_reference(const procsec_rule *rule,
                                               size_t i)
{
	if (rule == NULL || i >= rule->reference_count)
		return NULL;
	return rule->references[i].line;
}

PROCSEC_API const char *procsec_rule_source(const procsec_rule *rule)
{
	return rule != NULL ? rule->source : NULL;
}
