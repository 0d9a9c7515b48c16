
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='LedgerEntry',
            fields=[
                ('seq', models.BigIntegerField(primary_key=True, serialize=False, verbose_name='sequence number')),
                ('time', models.DateTimeField(verbose_name='time')),
                ('actor_id', models.BigIntegerField(blank=True, null=True, verbose_name='actor id')),
                ('actor', models.CharField(blank=True, max_length=150, verbose_name='actor')),
                ('organisation', models.CharField(blank=True, max_length=32, verbose_name='organisation')),
                ('action', models.CharField(max_length=64, verbose_name='action')),
                ('subject_type', models.CharField(blank=True, max_length=100, verbose_name='subject type')),
                ('subject_id', models.CharField(blank=True, max_length=64, verbose_name='subject id')),
                ('data', models.JSONField(default=dict, verbose_name='data')),
                ('audience', models.JSONField(default=list, verbose_name='audience')),
                ('visible_to', models.CharField(editable=False, max_length=400)),
                ('leaf_hash', models.CharField(max_length=64, verbose_name='leaf hash')),
                ('tree_root', models.CharField(max_length=64, verbose_name='tree root after this entry')),
            ],
            options={
                'verbose_name': 'ledger entry',
                'verbose_name_plural': 'ledger entries',
                'db_table': 'audit_ledgerentry',
                'ordering': ['seq'],
                'managed': True,
                'indexes': [models.Index(fields=['subject_type', 'subject_id'], name='audit_entry_subject'), models.Index(fields=['organisation', 'seq'], name='audit_entry_org')],
                'constraints': [models.CheckConstraint(condition=models.Q(('seq__gte', 1)), name='audit_entry_seq_positive')],
            },
        ),
        migrations.CreateModel(
            name='LedgerHead',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('size', models.BigIntegerField(default=0)),
                ('frontier', models.JSONField(default=list)),
                ('root', models.CharField(max_length=64)),
            ],
            options={
                'db_table': 'audit_ledgerhead',
                'managed': True,
                'constraints': [models.CheckConstraint(condition=models.Q(('pk', 1)), name='audit_head_single_row')],
            },
        ),
    ]
