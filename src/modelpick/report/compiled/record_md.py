# modelpick precompiled template: sha256=91856fe83bce9e057d300c41007f8c7c7a877612ca29f4f25037e93b2faaa72d jinja2=3.1.6
# Generated: do not edit.
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'record.md.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_title = resolve('title')
    l_0_header = resolve('header')
    l_0_status_lines = resolve('status_lines')
    l_0_a = resolve('a')
    l_0_assumed_keys = resolve('assumed_keys')
    l_0_policy_cite = resolve('policy_cite')
    l_0_nodes = resolve('nodes')
    l_0_given_filters = resolve('given_filters')
    l_0_options_cited = resolve('options_cited')
    l_0_excluded_rows = resolve('excluded_rows')
    l_0_primary = resolve('primary')
    l_0_mode_label = resolve('mode_label')
    l_0_because = resolve('because')
    l_0_rationale_line = resolve('rationale_line')
    l_0_rationale_cite = resolve('rationale_cite')
    l_0_choice_line = resolve('choice_line')
    l_0_trade_offs = resolve('trade_offs')
    l_0_hw = resolve('hw')
    l_0_hardware_cite = resolve('hardware_cite')
    l_0_providers_shown = resolve('providers_shown')
    l_0_price_cite = resolve('price_cite')
    l_0_providers_more = resolve('providers_more')
    l_0_tree_mode_label = resolve('tree_mode_label')
    l_0_consequences_cited = resolve('consequences_cited')
    l_0_revisit = resolve('revisit')
    l_0_catalog = resolve('catalog')
    l_0_staleness_days = resolve('staleness_days')
    l_0_flip = resolve('flip')
    l_0_ci_command = resolve('ci_command')
    l_0_gate_lines = resolve('gate_lines')
    l_0_gate_cite = resolve('gate_cite')
    l_0_failover_lines = resolve('failover_lines')
    l_0_failover_cite = resolve('failover_cite')
    l_0_timeline_lines = resolve('timeline_lines')
    l_0_links = resolve('links')
    l_0_advice = resolve('advice')
    l_0_crossover_verdict = resolve('crossover_verdict')
    l_0_risks = resolve('risks')
    l_0_sensitivity = resolve('sensitivity')
    l_0_footnotes = resolve('footnotes')
    try:
        t_1 = environment.filters['code']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'code' found.")
    try:
        t_2 = environment.filters['count']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'count' found.")
    try:
        t_3 = environment.filters['flag']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'flag' found.")
    try:
        t_4 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_5 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_6 = environment.filters['md']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'md' found.")
    try:
        t_7 = environment.filters['money']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'money' found.")
    try:
        t_8 = environment.filters['num']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'num' found.")
    try:
        t_9 = environment.filters['pct']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No filter named 'pct' found.")
    try:
        t_10 = environment.filters['per_mtok']
    except KeyError:
        @internalcode
        def t_10(*unused):
            raise TemplateRuntimeError("No filter named 'per_mtok' found.")
    try:
        t_11 = environment.filters['target']
    except KeyError:
        @internalcode
        def t_11(*unused):
            raise TemplateRuntimeError("No filter named 'target' found.")
    pass
    yield '# '
    yield str(environment.finalize((undefined(name='title') if l_0_title is missing else l_0_title)))
    yield '\n'
    if (undefined(name='header') if l_0_header is missing else l_0_header):
        pass
        yield '\n'
        for l_1_line in (undefined(name='header') if l_0_header is missing else l_0_header):
            _loop_vars = {}
            pass
            yield str(environment.finalize(l_1_line))
            yield '\n'
        l_1_line = missing
    if (undefined(name='status_lines') if l_0_status_lines is missing else l_0_status_lines):
        pass
        yield '\n## Status\n\n'
        for l_1_line in (undefined(name='status_lines') if l_0_status_lines is missing else l_0_status_lines):
            _loop_vars = {}
            pass
            yield str(environment.finalize(l_1_line))
            yield '\n\n'
        l_1_line = missing
    yield '\n## Context and Problem Statement\n\nWhich model, deployed how, for the workload "'
    yield str(environment.finalize(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'workload')))
    yield '"? It runs '
    yield str(environment.finalize(t_2(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'monthly_tokens'))))
    yield ' tokens a month, '
    yield str(environment.finalize(t_9(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'input_share'))))
    yield ' of them input, for the task '
    yield str(environment.finalize(t_1(environment.getattr(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'task'), 'value'))))
    yield '.\n'
    if (undefined(name='assumed_keys') if l_0_assumed_keys is missing else l_0_assumed_keys):
        pass
        yield 'Not given, and so taken at their documented defaults: '
        l_1_loop = missing
        for l_1_k, l_1_loop in LoopContext((undefined(name='assumed_keys') if l_0_assumed_keys is missing else l_0_assumed_keys), undefined):
            _loop_vars = {}
            pass
            yield str(environment.finalize(t_1(l_1_k)))
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ', '
        l_1_loop = l_1_k = missing
        yield '.\n'
    yield "Every answer is in this record's `modelpick.answers`; `modelpick advise --answers` on this file decides it again.\n\n## Decision Drivers\n\nThe decision tree's five questions, in order; the first answer that chooses a deployment mode ends the walk"
    yield str(environment.finalize((undefined(name='policy_cite') if l_0_policy_cite is missing else l_0_policy_cite)))
    yield '.\n\n| node | question | answer | effect |\n|---|---|---|---|\n'
    for l_1_n in (undefined(name='nodes') if l_0_nodes is missing else l_0_nodes):
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.finalize(environment.getattr(l_1_n, 'number')))
        yield ' '
        yield str(environment.finalize(t_1(environment.getattr(l_1_n, 'key'))))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_n, 'question')))
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_n, 'answer')))
        if environment.getattr(l_1_n, 'assumed'):
            pass
            yield ' (*assumed*)'
        yield ' | '
        yield str(environment.finalize(environment.getattr(l_1_n, 'effect')))
        yield ' |\n'
    l_1_n = missing
    if (undefined(name='given_filters') if l_0_given_filters is missing else l_0_given_filters):
        pass
        yield '\nHard constraints that removed models whatever the mode:\n\n'
        for l_1_f in (undefined(name='given_filters') if l_0_given_filters is missing else l_0_given_filters):
            _loop_vars = {}
            pass
            yield '* '
            yield str(environment.finalize(t_1(environment.getattr(l_1_f, 'rule'))))
            yield ': '
            yield str(environment.finalize(environment.getattr(l_1_f, 'answer')))
            yield ' ('
            yield str(environment.finalize(environment.getattr(l_1_f, 'excluded')))
            yield ' excluded)\n'
        l_1_f = missing
    yield '\n## Considered Options\n\n'
    for l_1_o in (undefined(name='options_cited') if l_0_options_cited is missing else l_0_options_cited):
        _loop_vars = {}
        pass
        yield '* '
        yield str(environment.finalize(environment.getattr(l_1_o, 'title')))
        if (environment.getattr(l_1_o, 'status') == 'chosen'):
            pass
            yield ' (chosen)'
        yield '\n'
    l_1_o = missing
    if (undefined(name='excluded_rows') if l_0_excluded_rows is missing else l_0_excluded_rows):
        pass
        yield '* '
        yield str(environment.finalize(t_5((undefined(name='excluded_rows') if l_0_excluded_rows is missing else l_0_excluded_rows))))
        yield ' other model(s) were excluded by the hard constraints (table below).\n'
    yield '\n## Decision Outcome\n\n'
    if (undefined(name='primary') if l_0_primary is missing else l_0_primary):
        pass
        yield 'Chosen option: "'
        yield str(environment.finalize(environment.getattr((undefined(name='primary') if l_0_primary is missing else l_0_primary), 'name')))
        yield ' as '
        yield str(environment.finalize((undefined(name='mode_label') if l_0_mode_label is missing else l_0_mode_label)))
        yield '", because '
        yield str(environment.finalize((undefined(name='because') if l_0_because is missing else l_0_because)))
        yield '.\n'
        if (undefined(name='rationale_line') if l_0_rationale_line is missing else l_0_rationale_line):
            pass
            yield '\n'
            yield str(environment.finalize(t_6((undefined(name='rationale_line') if l_0_rationale_line is missing else l_0_rationale_line))))
            yield str(environment.finalize((undefined(name='rationale_cite') if l_0_rationale_cite is missing else l_0_rationale_cite)))
            yield '\n'
        if (undefined(name='choice_line') if l_0_choice_line is missing else l_0_choice_line):
            pass
            yield '\n'
            yield str(environment.finalize(t_6((undefined(name='choice_line') if l_0_choice_line is missing else l_0_choice_line))))
            yield '.\n'
        if (undefined(name='trade_offs') if l_0_trade_offs is missing else l_0_trade_offs):
            pass
            yield '\nTrade-off: '
            yield str(environment.finalize(t_6(t_4(context.eval_ctx, (undefined(name='trade_offs') if l_0_trade_offs is missing else l_0_trade_offs), '; '))))
            yield '.\n'
        if environment.getattr((undefined(name='primary') if l_0_primary is missing else l_0_primary), 'hardware'):
            pass
            l_0_hw = environment.getattr((undefined(name='primary') if l_0_primary is missing else l_0_primary), 'hardware')
            context.vars['hw'] = l_0_hw
            context.exported_vars.add('hw')
            yield '\nIt runs on '
            yield str(environment.finalize(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'replicas')))
            yield ' × '
            yield str(environment.finalize(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'gpus_per_replica')))
            yield ' × '
            yield str(environment.finalize(t_6(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'gpu_name'))))
            yield ' at '
            yield str(environment.finalize(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'precision')))
            yield ': '
            yield str(environment.finalize((environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'replicas') * environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'gpus_per_replica'))))
            yield ' GPUs × '
            yield str(environment.finalize(t_7(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'gpu_hourly_usd'))))
            yield '/h × '
            yield str(environment.finalize(t_8(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'hours_per_month'))))
            yield ' h = '
            yield str(environment.finalize(t_7(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'gpu_cost_usd'))))
            yield ', plus '
            yield str(environment.finalize(t_7(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'ops_overhead_usd'))))
            yield ' operations = **'
            yield str(environment.finalize(t_7(environment.getattr((undefined(name='hw') if l_0_hw is missing else l_0_hw), 'monthly_cost_usd'))))
            yield ' a month**'
            yield str(environment.finalize((undefined(name='hardware_cite') if l_0_hardware_cite is missing else l_0_hardware_cite)))
            yield '.\n'
        elif (undefined(name='providers_shown') if l_0_providers_shown is missing else l_0_providers_shown):
            pass
            yield '\nIt costs **'
            yield str(environment.finalize(t_7(environment.getattr((undefined(name='primary') if l_0_primary is missing else l_0_primary), 'monthly_cost_usd'))))
            yield ' a month** at '
            yield str(environment.finalize(environment.getattr(environment.getitem((undefined(name='providers_shown') if l_0_providers_shown is missing else l_0_providers_shown), 0), 'provider_name')))
            yield ': '
            yield str(environment.finalize(t_2(environment.getattr((undefined(name='a') if l_0_a is missing else l_0_a), 'monthly_tokens'))))
            yield ' tokens × '
            yield str(environment.finalize(t_10(environment.getattr(environment.getitem((undefined(name='providers_shown') if l_0_providers_shown is missing else l_0_providers_shown), 0), 'blended_per_mtok'))))
            yield ' per million blended ('
            yield str(environment.finalize(t_10(environment.getattr(environment.getitem((undefined(name='providers_shown') if l_0_providers_shown is missing else l_0_providers_shown), 0), 'input_per_mtok'))))
            yield ' in, '
            yield str(environment.finalize(t_10(environment.getattr(environment.getitem((undefined(name='providers_shown') if l_0_providers_shown is missing else l_0_providers_shown), 0), 'output_per_mtok'))))
            yield ' out, as of '
            yield str(environment.finalize(context.call(environment.getattr(environment.getattr(environment.getitem((undefined(name='providers_shown') if l_0_providers_shown is missing else l_0_providers_shown), 0), 'as_of'), 'isoformat'))))
            yield ')'
            yield str(environment.finalize((undefined(name='price_cite') if l_0_price_cite is missing else l_0_price_cite)))
            yield '.\n\n| provider | blended $/M | per month | zero data retention | SOC 2 | HIPAA |\n|---|--:|--:|---|---|---|\n'
            for l_1_p in (undefined(name='providers_shown') if l_0_providers_shown is missing else l_0_providers_shown):
                _loop_vars = {}
                pass
                yield '| '
                yield str(environment.finalize(environment.getattr(l_1_p, 'provider_name')))
                if environment.getattr(l_1_p, 'estimate'):
                    pass
                    yield ' (estimate)'
                yield ' | '
                yield str(environment.finalize(t_10(environment.getattr(l_1_p, 'blended_per_mtok'))))
                yield ' | '
                yield str(environment.finalize(t_7(environment.getattr(l_1_p, 'monthly_cost_usd'))))
                yield ' | '
                yield str(environment.finalize(t_3(environment.getattr(l_1_p, 'zero_data_retention'))))
                yield ' | '
                yield str(environment.finalize(t_3(environment.getattr(l_1_p, 'soc2'))))
                yield ' | '
                yield str(environment.finalize(t_3(environment.getattr(l_1_p, 'hipaa'))))
                yield ' |\n'
            l_1_p = missing
            if (undefined(name='providers_more') if l_0_providers_more is missing else l_0_providers_more):
                pass
                yield '\n…and '
                yield str(environment.finalize((undefined(name='providers_more') if l_0_providers_more is missing else l_0_providers_more)))
                yield ' more provider(s), dearer; `modelpick advise --answers` on this file lists them all.\n'
    else:
        pass
        yield 'No option is chosen: the tree chose the '
        yield str(environment.finalize((undefined(name='tree_mode_label') if l_0_tree_mode_label is missing else l_0_tree_mode_label)))
        yield ', and no model survives the hard constraints there or in any mode these answers allow it to fall back to.\n'
    yield '\n### Consequences\n\n'
    for l_1_p in (undefined(name='consequences_cited') if l_0_consequences_cited is missing else l_0_consequences_cited):
        _loop_vars = {}
        pass
        yield '* '
        yield str(environment.finalize(environment.getattr(l_1_p, 'kind')))
        yield ', because '
        yield str(environment.finalize(environment.getattr(l_1_p, 'text')))
        yield str(environment.finalize(environment.getattr(l_1_p, 'cite')))
        yield '\n'
    l_1_p = missing
    yield '\n### Confirmation\n\n* Revisit by **'
    yield str(environment.finalize((undefined(name='revisit') if l_0_revisit is missing else l_0_revisit)))
    yield '**: the catalog is dated '
    yield str(environment.finalize(context.call(environment.getattr(environment.getattr((undefined(name='catalog') if l_0_catalog is missing else l_0_catalog), 'as_of'), 'isoformat'))))
    yield " and its policy's staleness limit is "
    yield str(environment.finalize((undefined(name='staleness_days') if l_0_staleness_days is missing else l_0_staleness_days)))
    yield ' days.\n* Volume: '
    yield str(environment.finalize((undefined(name='flip') if l_0_flip is missing else l_0_flip)))
    yield '.\n* In CI, '
    yield str(environment.finalize(t_1((undefined(name='ci_command') if l_0_ci_command is missing else l_0_ci_command))))
    yield " decides this record again against the current catalog and exits 1 when an accepted record would now be decided differently, or its cost has moved beyond the policy's threshold.\n"
    if (undefined(name='gate_lines') if l_0_gate_lines is missing else l_0_gate_lines):
        pass
        yield '\nBefore switching to it, pass the eval gate'
        yield str(environment.finalize((undefined(name='gate_cite') if l_0_gate_cite is missing else l_0_gate_cite)))
        yield ': '
        yield str(environment.finalize(t_6(environment.getattr((undefined(name='catalog') if l_0_catalog is missing else l_0_catalog), 'gate_rule'))))
        yield '.\n\n'
        for l_1_line in (undefined(name='gate_lines') if l_0_gate_lines is missing else l_0_gate_lines):
            _loop_vars = {}
            pass
            yield '* '
            yield str(environment.finalize(t_6(l_1_line)))
            yield '\n'
        l_1_line = missing
        if environment.getattr((undefined(name='catalog') if l_0_catalog is missing else l_0_catalog), 'gate_practice'):
            pass
            yield '\nHow to run it: '
            yield str(environment.finalize(t_6(t_4(context.eval_ctx, environment.getattr((undefined(name='catalog') if l_0_catalog is missing else l_0_catalog), 'gate_practice'), '; '))))
            yield '.\n'
    if (undefined(name='failover_lines') if l_0_failover_lines is missing else l_0_failover_lines):
        pass
        yield '\n### Fallback\n\nThe documented fallback'
        yield str(environment.finalize((undefined(name='failover_cite') if l_0_failover_cite is missing else l_0_failover_cite)))
        yield ", each route costed at the policy's share of traffic:\n\n"
        for l_1_line in (undefined(name='failover_lines') if l_0_failover_lines is missing else l_0_failover_lines):
            _loop_vars = {}
            pass
            yield '* '
            yield str(environment.finalize(t_6(l_1_line)))
            yield '\n'
        l_1_line = missing
    if (undefined(name='timeline_lines') if l_0_timeline_lines is missing else l_0_timeline_lines):
        pass
        yield '\n### Timeline\n\n'
        for l_1_line in (undefined(name='timeline_lines') if l_0_timeline_lines is missing else l_0_timeline_lines):
            _loop_vars = {}
            pass
            yield '* '
            yield str(environment.finalize(t_6(l_1_line)))
            yield '\n'
        l_1_line = missing
    yield '\n## Pros and Cons of the Options\n\n'
    for l_1_o in (undefined(name='options_cited') if l_0_options_cited is missing else l_0_options_cited):
        _loop_vars = {}
        pass
        yield '### '
        yield str(environment.finalize(environment.getattr(l_1_o, 'title')))
        yield '\n\n'
        for l_2_p in environment.getattr(l_1_o, 'points'):
            _loop_vars = {}
            pass
            yield '* '
            yield str(environment.finalize(environment.getattr(l_2_p, 'kind')))
            yield ', because '
            yield str(environment.finalize(environment.getattr(l_2_p, 'text')))
            yield str(environment.finalize(environment.getattr(l_2_p, 'cite')))
            yield '\n'
        l_2_p = missing
        yield '\n'
    l_1_o = missing
    if (undefined(name='excluded_rows') if l_0_excluded_rows is missing else l_0_excluded_rows):
        pass
        yield '### Excluded by the hard constraints\n\n| model | rule | reason |\n|---|---|---|\n'
        l_1_loop = missing
        for l_1_e, l_1_loop in LoopContext((undefined(name='excluded_rows') if l_0_excluded_rows is missing else l_0_excluded_rows), undefined):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(environment.getattr(l_1_e, 'name')))
            yield ' ('
            yield str(environment.finalize(t_1(environment.getattr(l_1_e, 'model'))))
            yield ') | '
            l_2_loop = missing
            for l_2_r, l_2_loop in LoopContext(environment.getattr(l_1_e, 'rules'), undefined):
                _loop_vars = {}
                pass
                yield str(environment.finalize(t_1(l_2_r)))
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    yield ', '
            l_2_loop = l_2_r = missing
            yield ' | '
            yield str(environment.finalize(t_4(context.eval_ctx, environment.getattr(l_1_e, 'reasons'), '; ')))
            yield ' |\n'
        l_1_loop = l_1_e = missing
    yield '\n## More Information\n\n'
    for l_1_link in (undefined(name='links') if l_0_links is missing else l_0_links):
        _loop_vars = {}
        pass
        yield '* '
        yield str(environment.finalize(environment.getattr(l_1_link, 'text')))
        yield ': ['
        yield str(environment.finalize((environment.getattr(l_1_link, 'label') or environment.getattr(l_1_link, 'target'))))
        yield ']('
        yield str(environment.finalize(t_11(environment.getattr(l_1_link, 'target'))))
        yield ')\n'
    l_1_link = missing
    if environment.getattr((undefined(name='advice') if l_0_advice is missing else l_0_advice), 'crossover'):
        pass
        yield '* Self-hosting against hosting: '
        yield str(environment.finalize(t_6((undefined(name='crossover_verdict') if l_0_crossover_verdict is missing else l_0_crossover_verdict))))
        yield '\n'
    for l_1_r in (undefined(name='risks') if l_0_risks is missing else l_0_risks):
        _loop_vars = {}
        pass
        yield '* Risk: '
        yield str(environment.finalize(l_1_r))
        yield '\n'
    l_1_r = missing
    if (undefined(name='sensitivity') if l_0_sensitivity is missing else l_0_sensitivity):
        pass
        yield '\nWhat would change this decision:\n\n'
        for l_1_item in (undefined(name='sensitivity') if l_0_sensitivity is missing else l_0_sensitivity):
            _loop_vars = {}
            pass
            yield '* '
            yield str(environment.finalize(l_1_item))
            yield '\n'
        l_1_item = missing
    yield '\nDecided against catalog '
    yield str(environment.finalize(environment.getattr((undefined(name='catalog') if l_0_catalog is missing else l_0_catalog), 'version')))
    yield ' (schema '
    yield str(environment.finalize(environment.getattr((undefined(name='catalog') if l_0_catalog is missing else l_0_catalog), 'schema_version')))
    yield '), as of '
    yield str(environment.finalize(context.call(environment.getattr(environment.getattr((undefined(name='catalog') if l_0_catalog is missing else l_0_catalog), 'as_of'), 'isoformat'))))
    yield '.\n'
    if (undefined(name='footnotes') if l_0_footnotes is missing else l_0_footnotes):
        pass
        yield '\n'
        for l_1_note in (undefined(name='footnotes') if l_0_footnotes is missing else l_0_footnotes):
            _loop_vars = {}
            pass
            yield str(environment.finalize(l_1_note))
            yield '\n'
        l_1_note = missing

blocks = {}
debug_info = '5=118&6=120&8=123&9=126&12=129&16=132&17=135&24=139&25=147&26=151&32=161&36=163&37=167&39=181&43=184&44=188&50=196&51=200&54=206&55=209&60=212&61=215&62=221&64=224&66=227&68=230&70=232&72=235&74=237&75=239&77=243&78=265&80=268&84=284&85=288&87=304&89=307&93=312&98=315&99=319&104=326&105=332&106=334&107=336&109=339&111=343&112=347&114=350&116=353&119=355&123=358&125=360&126=364&129=367&133=370&134=374&140=378&141=382&143=384&144=388&148=396&153=400&154=404&160=422&161=426&163=433&164=436&166=438&167=442&169=445&173=448&174=452&178=456&179=462&181=465&182=468'
